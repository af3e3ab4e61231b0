import test from 'ava';
import { seededRandom } from '@tmrm/common';
import type { Ensemble } from './ensemble';
import { featureSpecs } from './feature-spec';
import { leafPaths } from './feature-paths';
import { encodeLeaves } from './leaf-encoder';
import { satisfies } from './path-constraint';
import { syntheticClicks } from './synthetic-data';
import { trainGbdt } from './train';
import type { FeatureMatrix } from './training-data';
import { categorySet, type Tree } from './tree';

test('a sample satisfies exactly the path of the leaf it reaches, in every tree', async (t) => {
  const train = syntheticClicks(6000, 1);
  const { ensemble } = await trainGbdt(train, { trees: 20, maxDepth: 5 });
  const paths = leafPaths(ensemble);
  const samples = randomSamples(ensemble, 3000, 9);
  const ids = encodeLeaves(ensemble, samples);
  const treeCount = ensemble.trees.length;
  let checked = 0;
  for (let row = 0; row < samples.rowCount; row++) {
    const reached = new Set(ids.subarray(row * treeCount, (row + 1) * treeCount));
    for (const path of paths) {
      const holds = path.constraints.every((c) => satisfies(c, samples.columns[c.feature][row]));
      if (holds !== reached.has(path.globalLeaf)) {
        t.fail(`row ${row}, leaf ${path.globalLeaf} (${path.text}): holds ${holds}`);
        return;
      }
      checked++;
    }
  }
  t.true(checked > 100_000);
});

test("integer thresholds read as closed ranges in the data's units", (t) => {
  // age < 35 left; then on the right, age < 50: the middle leaf is age in [35, 49].
  const tree = handTree([
    { feature: 0, threshold: 35, left: ~0, right: 1 },
    { feature: 0, threshold: 50, left: ~1, right: ~2 },
  ]);
  const features = featureSpecs(['age']);
  features[0].integer = true;
  features[0].hasMissing = false;
  const texts = leafPaths(ensembleOf(features, [tree])).map((path) => path.text);
  t.deepEqual(texts, ['age < 35', 'age in [35, 49]', 'age >= 50']);
});

test('category sets intersect, labels are shown, and missing routing is stated', (t) => {
  // genre in {Drama, Comedy} (missing left), then genre != Comedy; hour >= 20.
  const tree = handTree([
    { feature: 0, set: [1, 2], defaultLeft: true, left: 1, right: ~2 },
    { feature: 0, set: [1], defaultLeft: false, left: ~0, right: 2 },
    { feature: 1, threshold: 20, defaultLeft: false, left: ~3, right: ~1 },
  ]);
  const features = featureSpecs(['genre', 'hour'], ['genre']);
  features[0].categories = ['Action', 'Comedy', 'Drama'];
  features[0].hasMissing = true;
  features[1].integer = true;
  features[1].hasMissing = true;
  const paths = leafPaths(ensembleOf(features, [tree]));
  t.deepEqual(
    paths.map((path) => path.text),
    [
      'genre = Comedy',
      'genre = Drama (or missing) AND hour >= 20 (or missing)',
      'genre not in {Comedy, Drama}',
      'genre = Drama (or missing) AND hour < 20',
    ],
  );
  t.deepEqual(paths[1].conditions[0], {
    feature: 'genre',
    op: '=',
    value: 'Drama',
    orMissing: true,
    text: 'genre = Drama (or missing)',
  });
});

function randomSamples(ensemble: Ensemble, rowCount: number, seed: number): FeatureMatrix {
  const random = seededRandom(seed);
  const columns = ensemble.features.map((feature) =>
    Float64Array.from({ length: rowCount }, () => {
      if (random() < 0.08) return NaN;
      if (feature.kind === 'categorical')
        return Math.floor(random() * ((feature.categories?.length ?? 1) + 1));
      return feature.name === 'score' ? random() * 1.2 - 0.1 : Math.floor(random() * 80) - 5;
    }),
  );
  return { features: ensemble.features, columns, rowCount };
}

interface HandNode {
  feature: number;
  threshold?: number;
  set?: number[];
  defaultLeft?: boolean;
  left: number;
  right: number;
}

function handTree(nodes: HandNode[]): Tree {
  const sets = nodes.filter((node) => node.set).map((node) => categorySet(node.set as number[]));
  let setIndex = 0;
  const leaves = 1 + nodes.length;
  return {
    root: 0,
    feature: Int32Array.from(nodes, (node) => node.feature),
    threshold: Float64Array.from(nodes, (node) => node.threshold ?? 0),
    defaultLeft: Uint8Array.from(nodes, (node) => (node.defaultLeft ? 1 : 0)),
    left: Int32Array.from(nodes, (node) => node.left),
    right: Int32Array.from(nodes, (node) => node.right),
    categorySplit: Int32Array.from(nodes, (node) => (node.set ? setIndex++ : -1)),
    categorySets: sets,
    gain: new Float64Array(nodes.length),
    cover: new Float64Array(nodes.length),
    leafValue: Float64Array.from({ length: leaves }, (_, leaf) => leaf),
    leafCover: new Float64Array(leaves),
  };
}

function ensembleOf(features: Ensemble['features'], trees: Tree[]): Ensemble {
  return {
    objective: 'logloss',
    baseMargin: 0,
    features,
    cuts: features.map(() => new Float64Array(0)),
    trees,
    float32Inputs: false,
    source: 'tmrm',
  };
}
