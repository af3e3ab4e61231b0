import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import { fmPart } from '../layers/fm-part';
import { matMul } from '../layers/dense';
import { poolFields } from '../layers/field-pooling';
import { LeafSpace } from '../model/leaf-space';
import { forEachBackend, testBackends } from '../testing/backend-tests';
import { gradientError } from '../testing/finite-difference';
import { clickLoss } from './bce-with-logits';
import { fullLeafLoss } from './full-leaf-loss';
import { perTreeSoftmaxLoss } from './per-tree-softmax-loss';
import { sampledLeafLoss } from './sampled-leaf-loss';
import { combineTaskLosses } from './task-weighting';

// Finite-difference checks of every hand-written or delicate gradient, on every backend.
const backends = await testBackends();
const tolerance = 2e-2;
const random = (shape: number[], seed: number, scale = 1) =>
  tf.mul(tf.randomNormal(shape, 0, 1, 'float32', seed), scale);

forEachBackend(test, backends, 'FM part: value matches the pairwise sum, gradient matches', (t) => {
  const u = random([3, 4, 2], 1) as tf.Tensor3D;
  const values = u.arraySync() as number[][][];
  const expected = values.map((slots) => {
    let sum = 0;
    for (let i = 0; i < slots.length; i++) {
      for (let j = i + 1; j < slots.length; j++) {
        sum += slots[i][0] * slots[j][0] + slots[i][1] * slots[j][1];
      }
    }
    return sum;
  });
  const got = tf.sum(fmPart(u), 1).arraySync() as number[];
  got.forEach((value, b) => t.true(Math.abs(value - expected[b]) < 1e-4));
  const error = gradientError((x) => tf.sum(tf.square(fmPart(x as tf.Tensor3D))), [u], 0);
  t.log(`FM relative gradient error ${error.toExponential(2)}`);
  t.true(error < tolerance);
  tf.dispose(u);
});

forEachBackend(test, backends, 'dense matMul and field pooling gradients', (t) => {
  const a = random([3, 4], 2);
  const b = random([4, 5], 3);
  const f = (x: tf.Tensor, y: tf.Tensor) =>
    tf.sum(tf.square(matMul(x as tf.Tensor2D, y as tf.Tensor2D)));
  t.true(gradientError(f, [a, b], 0) < tolerance);
  t.true(gradientError(f, [a, b], 1) < tolerance);
  const weighted = random([2, 3, 2], 4);
  const pooling = tf.tensor2d([1, 0, 0, 1, 0, 1], [3, 2]);
  const pooled = (x: tf.Tensor) => tf.sum(tf.square(poolFields(x as tf.Tensor3D, pooling)));
  t.true(gradientError(pooled, [weighted], 0) < tolerance);
  tf.dispose([a, b, weighted, pooling]);
});

forEachBackend(test, backends, 'click loss: stable for large logits, gradient matches', (t) => {
  const huge = clickLoss(tf.tensor1d([80, -80]), tf.tensor1d([1, 0])).dataSync()[0];
  t.true(Number.isFinite(huge) && huge < 1e-6);
  const wrong = clickLoss(tf.tensor1d([80]), tf.tensor1d([0])).dataSync()[0];
  t.true(Math.abs(wrong - 80) < 1e-3);
  const logits = random([6], 5, 2);
  const labels = tf.tensor1d([1, 0, 1, 1, 0, 0]);
  t.true(gradientError((z) => clickLoss(z, labels), [logits], 0) < tolerance);
});

// Leaf losses: 2 samples, d+1 = 3, trees of 3 and 2 leaves (p = 5, uneven, so the per-tree
// softmax goes through its padded gather), leaves active {0, 3} and {2, 4}.
const leafSpace = new LeafSpace({ treeLeafCounts: [3, 2], version: 'test' });
const active = () => tf.tensor2d([1, 0, 0, 1, 0, 0, 0, 1, 0, 1], [2, 5]);

forEachBackend(test, backends, 'full leaf BCE gradients (input and leaf weights)', (t) => {
  const h = random([2, 3], 6);
  const w = random([5, 3], 7);
  const f = (x: tf.Tensor, y: tf.Tensor) =>
    fullLeafLoss(x as tf.Tensor2D, y as tf.Tensor2D, active());
  t.true(gradientError(f, [h, w], 0) < tolerance);
  t.true(gradientError(f, [h, w], 1) < tolerance);
});

forEachBackend(test, backends, 'sampled leaf loss (logQ-corrected) gradients', (t) => {
  const h = random([2, 3], 8);
  const w = random([4, 3], 9);
  const labels = tf.tensor2d([1, 0, 0, 0, 0, 1, 1, 0], [2, 4]);
  const mask = tf.tensor2d([1, 0, 1, 1, 0, 1, 1, 1], [2, 4]);
  const correction = tf.tensor1d([0.3, -0.2, 0.1, 1.5]);
  const f = (x: tf.Tensor, y: tf.Tensor) =>
    sampledLeafLoss(x as tf.Tensor2D, y as tf.Tensor2D, labels, mask, correction);
  t.true(gradientError(f, [h, w], 0) < tolerance);
  t.true(gradientError(f, [h, w], 1) < tolerance);
});

forEachBackend(test, backends, 'per-tree softmax gradients, uneven and even trees', (t) => {
  const h = random([2, 3], 10);
  const w = random([5, 3], 11);
  const f = (x: tf.Tensor, y: tf.Tensor) =>
    perTreeSoftmaxLoss(x as tf.Tensor2D, y as tf.Tensor2D, active(), leafSpace.layout);
  t.true(gradientError(f, [h, w], 0) < tolerance);
  t.true(gradientError(f, [h, w], 1) < tolerance);
  const even = new LeafSpace({ treeLeafCounts: [2, 2], version: 'even' });
  const w4 = random([4, 3], 12);
  const onehot = tf.tensor2d([1, 0, 0, 1, 0, 1, 1, 0], [2, 4]);
  const g = (x: tf.Tensor) =>
    perTreeSoftmaxLoss(h as tf.Tensor2D, x as tf.Tensor2D, onehot, even.layout);
  t.true(gradientError(g, [w4], 0) < tolerance);
  // Value check: for one sample and one tree, −log softmax of the active leaf.
  const value = perTreeSoftmaxLoss(
    tf.tensor2d([[1, 0, 0]]),
    tf.tensor2d([
      [1, 0, 0],
      [0, 0, 0],
      [2, 0, 0],
      [0, 0, 0],
    ]),
    tf.tensor2d([[1, 0, 0, 1]]),
    even.layout,
  ).dataSync()[0];
  const expected = -Math.log(Math.E / (Math.E + 1)) - Math.log(1 / (Math.exp(2) + 1));
  t.true(Math.abs(value - expected) < 1e-4);
});

forEachBackend(test, backends, 'OW and HU weightings: gradients in losses and parameters', (t) => {
  const losses = tf.tensor1d([0.7, 2.3]);
  const free = tf.tensor1d([0.2, -0.4]);
  for (const weighting of [
    { kind: 'optimal-weights' as const, penaltyLambda: 0.5 },
    { kind: 'homoscedastic' as const },
  ]) {
    const f = (l: tf.Tensor, s: tf.Tensor) => {
      const [l1, l2] = tf.unstack(l) as [tf.Scalar, tf.Scalar];
      return combineTaskLosses(weighting, [l1, l2], s as tf.Tensor1D);
    };
    t.true(gradientError(f, [losses, free], 0) < tolerance, weighting.kind);
    t.true(gradientError(f, [losses, free], 1) < tolerance, weighting.kind);
  }
  const hu = combineTaskLosses({ kind: 'homoscedastic' }, [tf.scalar(0.7), tf.scalar(2.3)], free);
  const expected = 0.5 * Math.exp(-0.2) * 0.7 + 0.2 + 0.5 * Math.exp(0.4) * 2.3 - 0.4;
  t.true(Math.abs(hu.dataSync()[0] - expected) < 1e-5);
});
