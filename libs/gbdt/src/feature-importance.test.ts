import test from 'ava';
import type { Ensemble } from './ensemble';
import { featureSpecs } from './feature-spec';
import { crossImportance, featureImportance } from './feature-importance';
import { syntheticClicks } from './synthetic-data';
import { trainGbdt } from './train';
import type { Tree } from './tree';

// a (gain 10) at the root; b (gain 4) on the left, c (gain 2) under b; a again (gain 1) right.
const tree: Tree = {
  root: 0,
  feature: Int32Array.of(0, 1, 2, 0),
  threshold: Float64Array.of(1, 1, 1, 2),
  defaultLeft: new Uint8Array(4),
  left: Int32Array.of(1, 2, ~0, ~3),
  right: Int32Array.of(3, ~2, ~1, ~4),
  categorySplit: Int32Array.of(-1, -1, -1, -1),
  categorySets: [],
  gain: Float64Array.of(10, 4, 2, 1),
  cover: new Float64Array(4),
  leafValue: new Float64Array(5),
  leafCover: new Float64Array(5),
};
const ensemble: Ensemble = {
  objective: 'logloss',
  baseMargin: 0,
  features: featureSpecs(['a', 'b', 'c']),
  cuts: [],
  trees: [tree],
  float32Inputs: false,
  source: 'tmrm',
};

test('feature importance sums gains and counts splits', (t) => {
  t.deepEqual(featureImportance(ensemble), [
    { feature: 'a', gain: 11, splits: 2 },
    { feature: 'b', gain: 4, splits: 1 },
    { feature: 'c', gain: 2, splits: 1 },
  ]);
});

test('cross importance credits each split to the crosses it completes', (t) => {
  t.deepEqual(crossImportance(ensemble, 2), [
    { features: ['a', 'b'], gain: 4, splits: 1 },
    { features: ['a', 'c'], gain: 2, splits: 1 },
    { features: ['b', 'c'], gain: 2, splits: 1 },
  ]);
  t.deepEqual(crossImportance(ensemble, 3), [{ features: ['a', 'b', 'c'], gain: 2, splits: 1 }]);
});

test('on clicks driven by age x genre, that cross ranks high', async (t) => {
  const { ensemble: trained } = await trainGbdt(syntheticClicks(5000, 1), {
    trees: 20,
    maxDepth: 3,
  });
  const top = crossImportance(trained, 2)
    .slice(0, 2)
    .map((cross) => cross.features.join(' x '));
  t.true(top.includes('age x genre'), top.join(', '));
});
