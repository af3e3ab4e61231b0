import test from 'ava';
import { seededRandom } from './seeded-random';

test('seededRandom repeats its stream for a seed and stays in [0, 1)', (t) => {
  const first = seededRandom(7);
  const second = seededRandom(7);
  const draws = Array.from({ length: 1000 }, () => first());
  t.deepEqual(
    draws,
    Array.from({ length: 1000 }, () => second()),
  );
  t.true(draws.every((x) => x >= 0 && x < 1));
  t.notDeepEqual(draws.slice(0, 10), Array.from({ length: 10 }, seededRandom(8)));
});

test('seededRandom keeps the stream of seed 0 that the libraries had before it was shared', (t) => {
  // The first outputs for seed 0 as 32-bit integers: a change of the algorithm would change
  // every seeded sample, split and initialisation in tmrm, so it must fail here.
  const random = seededRandom(0);
  const integers = [random(), random(), random()].map((x) => Math.round(x * 4294967296));
  t.deepEqual(integers, [1144304738, 1416247, 958946056]);
});

test('seededRandom has a mean near 1/2 over many draws', (t) => {
  const random = seededRandom(123);
  let sum = 0;
  for (let i = 0; i < 100_000; i++) sum += random();
  t.true(Math.abs(sum / 100_000 - 0.5) < 0.005);
});
