import test from 'ava';
import { areaUnderRoc, logLoss } from './metrics';

test('AUC counts ordered pairs, ties as one half', (t) => {
  t.is(areaUnderRoc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]), 0.75);
  t.is(areaUnderRoc([0.5, 0.5], [0, 1]), 0.5);
  t.is(areaUnderRoc([0.9, 0.1], [0, 1]), 0);
  t.is(areaUnderRoc([0.2, 0.3], [1, 1]), null);
});

test('AUC by ranks equals AUC by counting all pairs on random data', (t) => {
  let state = 1;
  const next = () => (state = (state * 48271) % 2147483647) / 2147483647;
  const scores = Array.from({ length: 300 }, () => Math.round(next() * 20) / 20);
  const labels = scores.map((s) => (next() < s ? 1 : 0));
  let wins = 0;
  let pairs = 0;
  for (let i = 0; i < scores.length; i += 1) {
    for (let j = 0; j < scores.length; j += 1) {
      if (labels[i] !== 1 || labels[j] !== 0) continue;
      pairs += 1;
      wins += scores[i] > scores[j] ? 1 : scores[i] === scores[j] ? 0.5 : 0;
    }
  }
  t.true(Math.abs((areaUnderRoc(scores, labels) ?? -1) - wins / pairs) < 1e-12);
});

test('log-loss is the mean cross-entropy and stays finite at certainty', (t) => {
  t.true(Math.abs(logLoss([0.5, 0.5], [0, 1]) - Math.log(2)) < 1e-12);
  t.true(Math.abs(logLoss([0.9], [1]) + Math.log(0.9)) < 1e-12);
  t.true(Number.isFinite(logLoss([0], [1])));
});
