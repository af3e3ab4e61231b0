import test from 'ava';
import { auc, hasBothClasses } from './auc';
import { logLoss } from './log-loss';
import { meanDifferenceInterval } from './mean-difference-interval';
import { studentTCdf, studentTQuantile } from './student-t';
import { summaryStat } from './summary-stat';

/** AUC by its definition: over all positive/negative pairs, wins plus half the ties. */
function pairwiseAuc(labels: number[], scores: number[]): number {
  let wins = 0;
  let pairs = 0;
  labels.forEach((li, i) => {
    labels.forEach((lj, j) => {
      if (li !== 1 || lj !== 0) return;
      pairs++;
      wins += scores[i] > scores[j] ? 1 : scores[i] === scores[j] ? 0.5 : 0;
    });
  });
  return wins / pairs;
}

function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

test('auc of a hand-computable example', (t) => {
  t.is(auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]), 0.75);
  t.is(auc([1, 0], [0.9, 0.1]), 1);
  t.is(auc([1, 0], [0.1, 0.9]), 0);
});

test('auc counts a tie between a positive and a negative as one half', (t) => {
  t.is(auc([1, 0], [0.5, 0.5]), 0.5);
  t.is(auc([1, 1, 0, 0], [0.5, 0.9, 0.5, 0.1]), (1 + 1 + 0.5 + 1) / 4);
});

test('auc equals the pairwise definition on random data with many ties', (t) => {
  const random = seededRandom(7);
  for (let trial = 0; trial < 20; trial++) {
    const n = 30 + trial * 5;
    const labels = Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : random() < 0.3 ? 1 : 0));
    const scores = Array.from({ length: n }, () => Math.round(random() * 6) / 6);
    t.true(Math.abs(auc(labels, scores) - pairwiseAuc(labels, scores)) < 1e-12);
  }
});

test('auc takes typed arrays and refuses bad input with the index at fault', (t) => {
  t.is(auc(new Float32Array([0, 1]), new Float64Array([0.2, 0.3])), 1);
  t.throws(() => auc([1, 1], [0.2, 0.3]), { message: /needs both classes/ });
  t.throws(() => auc([1, 0], [0.2]), { message: /2 labels but 1 predictions/ });
  t.throws(() => auc([1, 2], [0.2, 0.1]), { message: /label\[1\] = 2/ });
  t.throws(() => auc([1, 0], [0.2, Number.NaN]), { message: /prediction\[1\] = NaN/ });
  t.false(hasBothClasses([0, 0]));
  t.true(hasBothClasses([0, 1]));
});

test('logloss matches the formula and clips certain mistakes', (t) => {
  const expected = -(Math.log(0.9) + Math.log(0.8)) / 2;
  t.true(Math.abs(logLoss([1, 0], [0.9, 0.2]) - expected) < 1e-15);
  const certainMistake = logLoss([1], [0]);
  t.true(Math.abs(certainMistake + Math.log(1e-15)) < 1e-9);
  t.true(Math.abs(logLoss([1], [0], { epsilon: 1e-7 }) + Math.log(1e-7)) < 1e-9);
  t.throws(() => logLoss([1], [1.5]), { message: /must be in \[0, 1\]; pass probabilities/ });
  t.throws(() => logLoss([1], [0.5], { epsilon: 0 }), { message: /epsilon = 0/ });
});

test('summaryStat gives the mean and the sample standard deviation', (t) => {
  const stat = summaryStat([2, 4, 4, 4, 5, 5, 7, 9]);
  t.is(stat.mean, 5);
  t.true(Math.abs(stat.std! - Math.sqrt(32 / 7)) < 1e-12);
  t.is(stat.n, 8);
  t.deepEqual(summaryStat([0.7]), { mean: 0.7, std: null, n: 1 });
  t.throws(() => summaryStat([]), { message: /no values/ });
});

test('student t quantiles agree with published tables', (t) => {
  const table: Array<[number, number, number]> = [
    [0.975, 1, 12.7062047],
    [0.975, 4, 2.7764451],
    [0.975, 10, 2.2281389],
    [0.95, 30, 1.6972609],
    [0.995, 2, 9.9248432],
    [0.975, 1000, 1.9623391],
  ];
  for (const [p, df, expected] of table) {
    t.true(Math.abs(studentTQuantile(p, df) - expected) < 1e-6, `t(${p}, ${df})`);
  }
  t.true(Math.abs(studentTQuantile(0.025, 10) + 2.2281389) < 1e-6);
  t.true(Math.abs(studentTCdf(0, 3) - 0.5) < 1e-15);
});

test('a paired interval is mean difference ± t · sd / √n', (t) => {
  const a = [1.2, 0.8, 1.5, 1.1, 0.9];
  const b = [0.2, 0.1, 0.4, 0.3, 0.1];
  const interval = meanDifferenceInterval({ a, b, paired: true });
  const d = a.map((x, i) => x - b[i]);
  const mean = d.reduce((s, x) => s + x, 0) / 5;
  const sd = Math.sqrt(d.reduce((s, x) => s + (x - mean) ** 2, 0) / 4);
  const half = 2.7764451 * (sd / Math.sqrt(5));
  t.is(interval.method, 'paired-t');
  t.true(Math.abs(interval.meanDifference - mean) < 1e-12);
  t.true(Math.abs(interval.lower - (mean - half)) < 1e-6);
  t.true(Math.abs(interval.upper - (mean + half)) < 1e-6);
  t.throws(() => meanDifferenceInterval({ a: [1, 2], b: [1], paired: true }), {
    message: /equal lengths/,
  });
});

test('a Welch interval uses the Welch-Satterthwaite degrees of freedom', (t) => {
  // Reference: scipy.stats.ttest_ind(a, b, equal_var=False) and its confidence_interval(0.95).
  const a = [19.8, 20.4, 19.6, 17.8, 18.5, 18.9, 18.3, 18.9, 19.5, 22.0];
  const b = [28.2, 26.6, 20.1, 23.3, 25.2, 22.1, 17.7, 27.6, 20.6, 13.7];
  const interval = meanDifferenceInterval({ a, b });
  t.is(interval.method, 'welch-t');
  t.true(Math.abs(interval.degreesOfFreedom - 10.209185368660295) < 1e-9);
  t.true(Math.abs(interval.meanDifference - (19.37 - 22.51)) < 1e-9);
  t.true(Math.abs(interval.lower - -6.503994149015245) < 1e-6);
  t.true(Math.abs(interval.upper - 0.2239941490152435) < 1e-6);
  t.throws(() => meanDifferenceInterval({ a: [1], b: [1, 2] }), { message: /at least 2/ });
  t.throws(() => meanDifferenceInterval({ a, b, confidence: 95 }), { message: /confidence = 95/ });
});
