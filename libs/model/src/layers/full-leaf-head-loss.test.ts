import test, { type ExecutionContext } from 'ava';
import * as tf from '@tensorflow/tfjs';
import { fullLeafLoss } from '../losses/full-leaf-loss';
import { activeLeafMatrix } from '../model/leaf-targets';
import { forEachBackend, testBackends } from '../testing/backend-tests';
import { gradientError } from '../testing/finite-difference';
import { fullLeafHeadLoss, LeafSignScratch } from './full-leaf-head-loss';

// The fused full-leaf-head loss against the reference fullLeafLoss (value and both gradients),
// and a finite-difference check of its own gradient, on every backend.
const backends = await testBackends();

/** B samples, d+1 = 4, two trees of 3 and 4 leaves (p = 7), one active leaf per tree. */
function problem(batchSize: number, seed: number, scale: number) {
  const x = tf.mul(tf.randomNormal([batchSize, 4], 0, 1, 'float32', seed), scale) as tf.Tensor2D;
  const w = tf.randomNormal([7, 4], 0, 1, 'float32', seed + 1) as tf.Tensor2D;
  const leafIds = Int32Array.from({ length: batchSize * 2 }, (_, i) =>
    i % 2 === 0 ? (i * 5) % 3 : 3 + ((i * 7) % 4),
  );
  return { x, w, leafIds };
}

function compare(t: ExecutionContext, batchSize: number, scale: number) {
  const { x, w, leafIds } = problem(batchSize, batchSize, scale);
  const active = tf.tensor2d(activeLeafMatrix(leafIds, batchSize, 7), [batchSize, 7]);
  const signs = new LeafSignScratch();
  const reference = (a: tf.Tensor, b: tf.Tensor) =>
    fullLeafLoss(a as tf.Tensor2D, b as tf.Tensor2D, active);
  const fused = (a: tf.Tensor, b: tf.Tensor) =>
    fullLeafHeadLoss(a as tf.Tensor2D, b as tf.Tensor2D, leafIds, signs);
  const run = (f: typeof fused) => {
    const out: number[][] = [];
    tf.tidy(() => {
      const { value, grads } = tf.valueAndGrads(f)([x, w]);
      out.push([value.dataSync()[0]], ...grads.map((g) => Array.from(g.dataSync())));
    });
    return out;
  };
  const want = run(reference);
  const got = run(fused);
  t.log(`value: reference ${want[0][0]}, fused ${got[0][0]}`);
  const close = (a: number, b: number) => Math.abs(a - b) <= 1e-4 * Math.max(1, Math.abs(a));
  want.forEach((values, which) =>
    values.forEach((value, i) =>
      t.true(close(value, got[which][i]), `output ${which}[${i}]: ${value} vs ${got[which][i]}`),
    ),
  );
  tf.dispose([x, w, active]);
}

forEachBackend(test, backends, 'fused full leaf loss equals fullLeafLoss', (t) => {
  compare(t, 8, 1);
});

forEachBackend(
  test,
  backends,
  'fused full leaf loss: badly wrong leaves take the exact path',
  (t) => {
    // Margins of ±hundreds: every chunk underflows its product and is recomputed exactly.
    compare(t, 8, 60);
  },
);

forEachBackend(test, backends, 'fused full leaf loss: batch sizes with few divisors', (t) => {
  compare(t, 1, 1);
  compare(t, 13, 1);
});

forEachBackend(test, backends, 'fused full leaf loss gradients match finite differences', (t) => {
  const { x, w, leafIds } = problem(3, 11, 1);
  const signs = new LeafSignScratch();
  const f = (a: tf.Tensor, b: tf.Tensor) =>
    fullLeafHeadLoss(a as tf.Tensor2D, b as tf.Tensor2D, leafIds, signs);
  t.true(gradientError(f, [x, w], 0) < 2e-2);
  t.true(gradientError(f, [x, w], 1) < 2e-2);
  tf.dispose([x, w]);
});

test('the sign scratch resets the previous call', (t) => {
  const signs = new LeafSignScratch();
  const first = Array.from(signs.fill(Int32Array.from([0, 2]), 2, 3));
  t.deepEqual(first, [1, -1, -1, -1, -1, 1]);
  const second = Array.from(signs.fill(Int32Array.from([1, 1]), 2, 3));
  t.deepEqual(second, [-1, -1, 1, 1, -1, -1]);
});
