import test from 'ava';
import { SeededRandom } from '../random/seeded-random';
import { NegativeSampler } from './negative-sampler';

const itemCount = 50;
const interacted = [
  new Set([0, 1, 2, 3, 4]),
  new Set(Array.from({ length: 48 }, (_, i) => i)), // has seen all but items 48 and 49
];

for (const mode of ['uniform', 'popularity'] as const) {
  test(`${mode} sampling never returns an item the user interacted with`, (t) => {
    const popularity = Float64Array.from({ length: itemCount }, (_, i) => (i % 7 === 0 ? 0 : i));
    const sampler = new NegativeSampler({
      itemCount,
      interacted,
      mode,
      popularity,
      random: new SeededRandom(4),
    });
    const out: number[] = [];
    for (let round = 0; round < 500; round++) {
      t.is(sampler.sample(0, 5, out), 5);
      t.is(new Set(out).size, 5);
      for (const item of out) {
        t.false(interacted[0].has(item));
        if (mode === 'popularity') t.true(popularity[item] > 0);
      }
    }
  });
}

test('a user who saw nearly everything gets the few items left, then a shortfall', (t) => {
  const sampler = new NegativeSampler({
    itemCount,
    interacted,
    mode: 'uniform',
    popularity: new Float64Array(itemCount).fill(1),
    random: new SeededRandom(1),
  });
  const out: number[] = [];
  t.is(sampler.sample(1, 5, out), 2);
  t.deepEqual([...out].sort(), [48, 49]);
});

test('popularity sampling favours popular items', (t) => {
  const popularity = Float64Array.from({ length: itemCount }, (_, i) => (i === 10 ? 1000 : 1));
  const sampler = new NegativeSampler({
    itemCount,
    interacted,
    mode: 'popularity',
    popularity,
    random: new SeededRandom(2),
  });
  const out: number[] = [];
  let hits = 0;
  for (let round = 0; round < 200; round++) {
    sampler.sample(0, 1, out);
    hits += out[0] === 10 ? 1 : 0;
  }
  t.true(hits > 150, `${hits}`);
});
