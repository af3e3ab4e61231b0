import test from 'ava';
import { ConfigError } from '@tmrm/common';
import { featureSpecs } from './feature-spec';
import { predict, predictMargin } from './ensemble';
import { saveEnsemble } from './serialization';
import { syntheticClicks } from './synthetic-data';
import { trainGbdt } from './train';
import type { LabelledMatrix } from './training-data';

function matrix(columns: number[][], labels: number[], categorical: string[] = []): LabelledMatrix {
  const names = columns.map((_, f) => `x${f}`);
  return {
    features: featureSpecs(names, categorical),
    columns: columns.map((column) => Float64Array.from(column)),
    rowCount: labels.length,
    labels: Float64Array.from(labels),
  };
}

test('one squared-error split is computed exactly', async (t) => {
  // base = mean = 5; gradients m - y = [5, 5, -5, -5], hessians 1. With lambda 0 the
  // split x < 3 gives leaves -10/2 = -5 and +5, gain 10^2/2 + 10^2/2 - 0 = 100.
  const data = matrix([[1, 2, 3, 4]], [0, 0, 10, 10]);
  const { ensemble } = await trainGbdt(data, {
    objective: 'squared-error',
    trees: 1,
    maxDepth: 1,
    learningRate: 1,
    lambda: 0,
    minChildWeight: 0,
  });
  const [tree] = ensemble.trees;
  t.is(ensemble.baseMargin, 5);
  t.is(tree.threshold[0], 3);
  t.deepEqual(Array.from(tree.leafValue), [-5, 5]);
  t.is(tree.gain[0], 100);
  t.deepEqual(Array.from(predict(ensemble, data)), [0, 0, 10, 10]);
});

test('one logloss split is computed exactly', async (t) => {
  // base = logit(0.5) = 0, p = 0.5: g = 0.5 - y, h = 0.25. x = 0 holds labels 0,0,0,1:
  // G = 1, H = 1, leaf -G/(H + 1) = -0.5; x = 1 holds 1,1,1,0: leaf +0.5.
  const data = matrix([[0, 0, 0, 0, 1, 1, 1, 1]], [0, 0, 0, 1, 1, 1, 1, 0]);
  const { ensemble } = await trainGbdt(data, {
    trees: 1,
    maxDepth: 3,
    learningRate: 1,
    minChildWeight: 0,
  });
  t.is(ensemble.baseMargin, 0);
  t.deepEqual(Array.from(ensemble.trees[0].leafValue), [-0.5, 0.5]);
  t.deepEqual(
    Array.from(predictMargin(ensemble, data)),
    [-0.5, -0.5, -0.5, -0.5, 0.5, 0.5, 0.5, 0.5],
  );
});

test('missing values learn the side they resemble', async (t) => {
  for (const missingLike of [0, 10]) {
    const x: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < 30; i++) {
      x.push(i % 3 === 0 ? NaN : i % 3 === 1 ? 1 : 2);
      y.push(i % 3 === 0 ? missingLike : i % 3 === 1 ? 0 : 10);
    }
    const data = matrix([x], y);
    const { ensemble } = await trainGbdt(data, {
      objective: 'squared-error',
      trees: 1,
      maxDepth: 1,
      learningRate: 1,
      lambda: 0,
    });
    t.is(ensemble.trees[0].defaultLeft[0], missingLike === 0 ? 1 : 0);
    const margins = predictMargin(ensemble, matrix([[NaN]], [0]));
    t.true(Math.abs(margins[0] - missingLike) < 1e-9);
  }
});

test('categorical splits send a set of categories left', async (t) => {
  // Codes 0 and 2 have target 10, 1 and 3 target 0: no threshold on the code splits
  // them in one step, a category set does.
  const codes: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < 40; i++) {
    codes.push(i % 4);
    y.push(i % 2 === 0 ? 10 : 0);
  }
  const data = matrix([codes], y, ['x0']);
  data.features[0].categories = ['A', 'B', 'C', 'D'];
  const { ensemble } = await trainGbdt(data, {
    objective: 'squared-error',
    trees: 1,
    maxDepth: 1,
    learningRate: 1,
    lambda: 0,
    categoryLambda: 0,
    categorySmoothing: 0,
  });
  const tree = ensemble.trees[0];
  t.is(tree.categorySplit[0], 0);
  const predicted = predict(ensemble, data);
  t.deepEqual(Array.from(predicted.slice(0, 4)), [10, 0, 10, 0]);
});

test('training is deterministic for a seed and changes with it', async (t) => {
  const data = syntheticClicks(3000, 7);
  const options = { trees: 8, rowSubsample: 0.7, columnSubsample: 0.75, seed: 11 };
  const first = saveEnsemble((await trainGbdt(data, options)).ensemble);
  const second = saveEnsemble((await trainGbdt(data, options)).ensemble);
  const other = saveEnsemble((await trainGbdt(data, { ...options, seed: 12 })).ensemble);
  t.true(first === second);
  t.false(first === other);
});

test('two threads give the same trees bit for bit', async (t) => {
  const data = syntheticClicks(40_000, 3);
  const one = await trainGbdt(data, { trees: 5, threads: 1 });
  const two = await trainGbdt(data, { trees: 5, threads: 2 });
  t.true(saveEnsemble(two.ensemble) === saveEnsemble(one.ensemble));
});

test('early stopping keeps the trees up to the best validation loss', async (t) => {
  const train = syntheticClicks(2000, 1);
  const validation = syntheticClicks(2000, 2);
  const result = await trainGbdt(train, {
    trees: 300,
    learningRate: 0.5,
    maxDepth: 6,
    validation,
    earlyStoppingRounds: 5,
  });
  const losses = result.history.validation;
  const best = losses.indexOf(Math.min(...losses));
  t.true(losses.length < 300);
  t.is(result.bestTreeCount, best + 1);
  t.is(result.ensemble.trees.length, best + 1);
});

test('leaf-wise growth respects maxLeaves', async (t) => {
  const data = syntheticClicks(3000, 4);
  const { ensemble } = await trainGbdt(data, { trees: 4, maxDepth: 0, maxLeaves: 5 });
  for (const tree of ensemble.trees)
    t.true(tree.leafValue.length <= 5 && tree.leafValue.length >= 2);
});

test('bad options fail naming the option', async (t) => {
  const data = syntheticClicks(100, 1);
  const error = await t.throwsAsync(trainGbdt(data, { learningRate: -1 }), {
    instanceOf: ConfigError,
  });
  t.regex(error.message, /learningRate = -1/);
  await t.throwsAsync(trainGbdt(data, { maxBins: 1000 }), { message: /maxBins/ });
  const badLabels = { ...data, labels: new Float64Array(100).fill(2) };
  await t.throwsAsync(trainGbdt(badLabels), { message: /label 2 at row 0/ });
});

test('a learned model beats the base rate on held-out data', async (t) => {
  const train = syntheticClicks(5000, 5);
  const test_ = syntheticClicks(2000, 6);
  const { ensemble } = await trainGbdt(train, { trees: 30 });
  const p = predict(ensemble, test_);
  let loss = 0;
  for (let i = 0; i < p.length; i++) loss -= test_.labels[i] ? Math.log(p[i]) : Math.log(1 - p[i]);
  const mean = train.labels.reduce((a, b) => a + b, 0) / train.rowCount;
  let baseLoss = 0;
  for (let i = 0; i < p.length; i++)
    baseLoss -= test_.labels[i] ? Math.log(mean) : Math.log(1 - mean);
  t.true(loss < baseLoss * 0.95, `${loss / p.length} vs base ${baseLoss / p.length}`);
});
