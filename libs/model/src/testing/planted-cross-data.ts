import type { Condition, FeaturePath } from '../feature-path';
import type { FieldSpec } from '../input/field-spec';
import type { Sample } from '../input/sample';
import { SeededRandom } from '../maths/random';

/**
 * Synthetic click data with one planted cross, and a hand-written GBDT-like ensemble over it,
 * for tests. Users have an age group and a gender, items one or two genres; every event also
 * has eight noise features n0..n7 with skewed values (a: 50%, b: 20%, c: 15%, d: 10%, e: 5%).
 * The click logit is −2 + 3·[age_group = young AND genre ∋ Drama] plus small user and item
 * effects, so the cross is the only strong signal. There are 16 depth-2 trees of four leaves
 * each (global ids 4t..4t+3): tree 0 holds the planted cross as leaf 0, "age_group = young
 * AND genre = Drama" (active for about 1 sample in 7); trees 1..15 split on noise features,
 * as late boosting rounds often do, and their left-left leaves are the most popular.
 */
export const plantedCrossLeaf = 0;

const noiseFields = Array.from({ length: 8 }, (_, i) => `n${i}`);
const noiseValues = ['a', 'b', 'c', 'd', 'e'];
const noiseCumulative = [0.5, 0.7, 0.85, 0.95, 1];

export const plantedCrossFields: FieldSpec[] = [
  { name: 'user_id', kind: 'categorical', vocabularyCap: 500, hashBuckets: 16 },
  { name: 'item_id', kind: 'categorical', vocabularyCap: 500, hashBuckets: 16 },
  { name: 'age_group', kind: 'categorical', vocabularyCap: 8, hashBuckets: 2 },
  { name: 'gender', kind: 'categorical', vocabularyCap: 4, hashBuckets: 2 },
  { name: 'genre', kind: 'multi', maxValues: 2, vocabularyCap: 8, hashBuckets: 2 },
  ...noiseFields.map((name) => ({
    name,
    kind: 'categorical' as const,
    vocabularyCap: 8,
    hashBuckets: 2,
  })),
];

interface Test {
  feature: string;
  value: string;
}
const has = (sample: Sample, test: Test) => {
  const raw = sample.fields[test.feature];
  return Array.isArray(raw) ? raw.includes(test.value) : raw === test.value;
};
const eq = (test: Test): Condition => ({ feature: test.feature, op: '=', value: test.value });
const ne = (test: Test): Condition => ({ feature: test.feature, op: '!=', value: test.value });

/** Each tree: the root test and the test on each side (left = root true). */
const trees: [Test, Test, Test][] = (() => {
  const world = new SeededRandom(11);
  const noise = (): Test => ({
    feature: noiseFields[world.int(noiseFields.length)],
    value: world.next() < 0.7 ? 'a' : noiseValues[1 + world.int(2)],
  });
  const planted: [Test, Test, Test] = [
    { feature: 'age_group', value: 'young' },
    { feature: 'genre', value: 'Drama' },
    { feature: 'gender', value: 'F' },
  ];
  return [
    planted,
    ...Array.from({ length: 15 }, (): [Test, Test, Test] => [noise(), noise(), noise()]),
  ];
})();

/** Leaf counts of the hand-written ensemble (sixteen trees of four leaves). */
export const plantedCrossTreeLeafCounts = trees.map(() => 4);

/** The T global leaf ids of a sample: leaf = 4t + 2·[root false] + [child false]. */
export function plantedCrossLeafIds(sample: Sample): Int32Array {
  return Int32Array.from(trees, ([root, left, right], t) => {
    const goesLeft = has(sample, root);
    return 4 * t + (goesLeft ? 0 : 2) + (has(sample, goesLeft ? left : right) ? 0 : 1);
  });
}

/** Feature paths of the leaves; the GBDT weight is 1 on the cross leaf, 0.1 elsewhere. */
export function describePlantedCrossLeaf(leafId: number): FeaturePath {
  const [root, left, right] = trees[Math.floor(leafId / 4)];
  const goesLeft = leafId % 4 < 2;
  const conditions = [
    (goesLeft ? eq : ne)(root),
    (leafId % 2 === 0 ? eq : ne)(goesLeft ? left : right),
  ];
  const text = conditions.map((c) => `${c.feature} ${c.op} ${c.value}`).join(' AND ');
  return { conditions, text, weight: leafId === plantedCrossLeaf ? 1 : 0.1 };
}

/** Generates `count` labelled samples with their leaf ids, reproducibly from `seed`. */
export function plantedCrossSamples(count: number, seed: number): Sample[] {
  const random = new SeededRandom(seed);
  const world = new SeededRandom(7);
  const users = Array.from({ length: 200 }, () => ({
    age: ['young', 'mid', 'old'][world.int(3)],
    gender: world.next() < 0.5 ? 'F' : 'M',
    bias: world.normal(),
  }));
  const genres = ['Drama', 'Comedy', 'Action', 'Horror'];
  const items = Array.from({ length: 100 }, () => {
    const first = genres[world.int(4)];
    const second = world.next() < 0.4 ? genres[world.int(4)] : first;
    return { genre: [...new Set([first, second])], bias: world.normal() };
  });
  return Array.from({ length: count }, () => {
    const u = random.int(users.length);
    const i = random.int(items.length);
    const fields: Sample['fields'] = {
      user_id: `u${u}`,
      item_id: `i${i}`,
      age_group: users[u].age,
      gender: users[u].gender,
      genre: items[i].genre,
    };
    for (const name of noiseFields) {
      const u01 = random.next();
      fields[name] = noiseValues[noiseCumulative.findIndex((c) => u01 < c)];
    }
    const cross = users[u].age === 'young' && items[i].genre.includes('Drama') ? 1 : 0;
    const logit = -2 + 3 * cross + 0.3 * users[u].bias + 0.3 * items[i].bias;
    const label = random.next() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
    const sample: Sample = { fields, label };
    sample.leafIds = plantedCrossLeafIds(sample);
    return sample;
  });
}
