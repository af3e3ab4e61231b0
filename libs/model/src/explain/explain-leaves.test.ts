import test from 'ava';
import type { FeaturePath } from '../feature-path';
import { LeafSpace } from '../model/leaf-space';
import { explainLeaves } from './explain-leaves';

// Three trees of two leaves; head 2's input is one column, so z_j = the leaf head's value.
const leafSpace = new LeafSpace({ treeLeafCounts: [2, 2, 2], version: 'test' });
const leafHead = Float32Array.from([0, 2, 0, -1, 3, 0]);
const leafCounts = Float64Array.from([5, 5, 9, 1, 1, 9]);
const paths: FeaturePath[] = [
  { conditions: [], text: 'leaf 0', weight: 0 },
  { conditions: [{ feature: 'age', op: '<', value: '30' }], text: 'young', weight: 0.5 },
  { conditions: [], text: 'leaf 2', weight: 0 },
  { conditions: [{ feature: 'genre', op: '=', value: 'Drama' }], text: 'drama', weight: -2 },
  // The same condition as leaf 1, so merged with it.
  { conditions: [{ feature: 'age', op: '<', value: '30' }], text: 'young again', weight: 1 },
  { conditions: [], text: 'leaf 5', weight: 0 },
];
const explain = (topK: number, ranking: 'lift' | 'probability') =>
  explainLeaves({
    head2Row: Float32Array.from([1]),
    leafIds: Int32Array.from([1, 3, 4]),
    leafHead,
    leafSpace,
    leafLoss: { kind: 'full' },
    topK,
    describeLeaf: (leafId) => paths[leafId],
    ranking,
    leafCounts,
  });
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

test('leaves ranked by lift or probability, duplicates merged, GBDT ranking beside', (t) => {
  const byLift = explain(3, 'lift');
  // Lifts: leaf 1 log σ(2) − log 6/12, leaf 3 log σ(−1) − log 2/12, leaf 4 log σ(3) − log 2/12.
  t.deepEqual(
    byLift.leaves.map((leaf) => leaf.leafId),
    [4, 1, 3],
  );
  t.is(byLift.leaves[0].probability, sigmoid(3));
  t.true(Math.abs(byLift.leaves[0].lift - (Math.log(sigmoid(3)) - Math.log(2 / 12))) < 1e-12);
  t.deepEqual(
    byLift.paths.map((path) => [path.text, path.weight]),
    [
      ['young again', sigmoid(3)],
      ['drama', sigmoid(-1)],
    ],
  );
  // By |GBDT weight|: drama (2), young again (1), young (0.5, merged away).
  t.deepEqual(
    byLift.gbdtPaths.map((path) => [path.text, path.weight]),
    [
      ['drama', -2],
      ['young again', 1],
    ],
  );
  t.deepEqual(
    explain(1, 'probability').paths.map((path) => path.text),
    ['young again'],
  );
});

test('the lazily built parts are built once and are plain data', (t) => {
  const explanation = explain(2, 'lift');
  t.is(explanation.leaves, explanation.leaves);
  t.is(explanation.gbdtPaths, explanation.gbdtPaths);
  const copy = JSON.parse(JSON.stringify(explanation));
  t.deepEqual(Object.keys(copy).sort(), ['gbdtPaths', 'leaves', 'paths']);
  t.is(copy.leaves.length, 3);
});
