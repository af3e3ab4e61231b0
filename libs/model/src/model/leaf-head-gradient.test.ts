import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../backend/select-backend';
import { testBackends } from '../testing/backend-tests';
import { leafHeadInput } from './leaf-head-gradient';

const backends = await testBackends();

test.serial('the leaf head passes its input through and scales only the gradient', async (t) => {
  await useBackend(backends[0]);
  const x = tf.tensor2d([
    [1, -2, 3],
    [0.5, 4, -1],
  ]);
  const weights = tf.tensor2d([
    [2, 3, -1],
    [1, 0.5, 7],
  ]);
  for (const scale of [1, 0.1, 0]) {
    const value = leafHeadInput(x, scale);
    t.deepEqual(Array.from(value.dataSync()), Array.from(x.dataSync()), `value at ${scale}`);
    const gradient = tf.grad((input: tf.Tensor) =>
      tf.sum(tf.mul(leafHeadInput(input as tf.Tensor2D, scale), weights)),
    )(x);
    const expected = Array.from(weights.dataSync(), (w) => w * scale);
    const got = Array.from(gradient.dataSync());
    t.true(
      got.every((g, i) => Math.abs(g - expected[i]) < 1e-6),
      `gradient at ${scale}: ${got}`,
    );
    if (value !== x) value.dispose(); // at scale 1 the input itself is returned
    gradient.dispose();
  }
  tf.dispose([x, weights]);
});
