import { readFileSync } from 'node:fs';
import test from 'ava';
import { predict, predictMargin } from './ensemble';
import { GbdtFormatError } from './errors';
import { leafPaths } from './feature-paths';
import { encodeLeaves, leafOffsets } from './leaf-encoder';
import { importLightgbmText, nextUp } from './lightgbm-import';
import { loadEnsemble, saveEnsemble } from './serialization';
import type { FeatureMatrix } from './training-data';
import { importXgboostJson } from './xgboost-import';

const fixture = (name: string) =>
  readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

function rowsToMatrix(
  features: FeatureMatrix['features'],
  rows: (number | null)[][],
): FeatureMatrix {
  return {
    features,
    rowCount: rows.length,
    columns: features.map((_, f) => Float64Array.from(rows, (row) => row[f] ?? NaN)),
  };
}

test('an XGBoost model reproduces XGBoost 1.7.4 margins, probabilities and leaf ids', (t) => {
  // Generated once with python3-xgboost 1.7.4 (3 trees, depth 2, base_score 0.4) and
  // committed with XGBoost's own outputs on probe rows, missing values included.
  const ensemble = importXgboostJson(fixture('xgboost-small.json'));
  const expected = JSON.parse(fixture('xgboost-small.expected.json'));
  const probe = rowsToMatrix(ensemble.features, expected.rows);
  t.deepEqual(
    ensemble.features.map((f) => f.name),
    ['age', 'score', 'flag'],
  );
  const margins = predictMargin(ensemble, probe);
  const probabilities = predict(ensemble, probe);
  expected.margins.forEach((margin: number, i: number) => {
    // XGBoost sums in float32: agreement to float32 precision.
    t.true(Math.abs(margins[i] - margin) < 1e-6, `row ${i}: ${margins[i]} vs ${margin}`);
    t.true(Math.abs(probabilities[i] - expected.probabilities[i]) < 1e-6);
  });
  const ids = encodeLeaves(ensemble, probe);
  const offsets = leafOffsets(ensemble);
  const treeCount = ensemble.trees.length;
  expected.leaves.forEach((nodes: number[], row: number) => {
    nodes.forEach((node, tree) => {
      const leaf = ids[row * treeCount + tree] - offsets[tree];
      t.is(ensemble.trees[tree].nativeLeafId?.[leaf], node, `row ${row}, tree ${tree}`);
    });
  });
  t.true(loadEnsemble(saveEnsemble(ensemble)).float32Inputs);
  // Float32 thresholds print in their shortest float32 form.
  t.is(leafPaths(ensemble)[0].text.split(' AND ')[0], 'score < 0.49738505 (or missing)');
});

test('a LightGBM text model predicts as computed by hand', (t) => {
  const ensemble = importLightgbmText(fixture('lightgbm-small.txt'));
  const probe = rowsToMatrix(ensemble.features, [
    [25, 0.2, 0], // left (-0.5); genre 0 in {0, 2}: left (0.1)
    [30.000000000000004, 0.2, 1], // x <= threshold is left (-0.5); genre 1 right (-0.2)
    [31, null, 2], // score missing, missing type NaN, default left: 0.25; genre 2: 0.1
    [null, 0.9, null], // age missing, missing type None: read as 0, left; genre NaN right
    [50, 0.5, -1], // 0.5 <= 0.5 left: 0.25; negative category right
    [50, 0.50000001, 3], // right: 0.75; genre 3 right
  ]);
  const expected = [-0.4, -0.7, 0.35, -0.7, 0.05, 0.55];
  const margins = predictMargin(ensemble, probe);
  expected.forEach((margin, i) =>
    t.true(Math.abs(margins[i] - margin) < 1e-12, `row ${i}: ${margins[i]}`),
  );
  t.deepEqual(Array.from(encodeLeaves(ensemble, probe)), [0, 3, 0, 4, 1, 3, 0, 4, 1, 4, 2, 4]);
  t.is(ensemble.features[2].kind, 'categorical');
  t.deepEqual(
    leafPaths(ensemble).map((path) => path.text),
    [
      'age < 30.000000000000007 (or missing)',
      'age >= 30.000000000000007 AND score < 0.5000000000000001 (or missing)',
      'age >= 30.000000000000007 AND score >= 0.5000000000000001',
      'genre in {0, 2}',
      'genre not in {0, 2} (or missing)',
    ],
  );
});

test('nextUp turns x <= t into x < nextUp(t) for doubles', (t) => {
  for (const value of [0.5, -0.5, 1e-300, -1e300, 30.000000000000004]) {
    const up = nextUp(value);
    t.true(up > value);
    t.true((value + up) / 2 === value || (value + up) / 2 === up, 'no double in between');
  }
  t.is(nextUp(0), Number.MIN_VALUE);
});

test('imports fail clearly on other files', (t) => {
  t.throws(() => importXgboostJson('{"learner": {}}'), {
    instanceOf: GbdtFormatError,
    message: /learner.gradient_booster is missing/,
  });
  const softmax = fixture('xgboost-small.json').replace('"binary:logistic"', '"multi:softmax"');
  t.throws(() => importXgboostJson(softmax), {
    message: /objective multi:softmax is not supported/,
  });
  t.throws(() => importLightgbmText('hello'), { message: /does not start with "tree"/ });
  const zero = fixture('lightgbm-small.txt').replace('decision_type=2 10', 'decision_type=2 6');
  t.throws(() => importLightgbmText(zero), { message: /zero_as_missing/ });
});
