import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import { SeededRandom } from '../maths/random';
import { forEachBackend, testBackends } from '../testing/backend-tests';
import { gradientError } from '../testing/finite-difference';
import { ffmPairwise } from './ffm-part';

const backends = await testBackends();

/** Σ_{s<t} <v_{s,F(t)}, v_{t,F(s)}> by the definition, pair by pair. */
function bruteForce(values: Float32Array, shape: number[], fieldOfSlot: Int32Array): number[] {
  const [batch, slots, fields, k] = shape;
  const at = (b: number, s: number, f: number, d: number) =>
    values[((b * slots + s) * fields + f) * k + d];
  return Array.from({ length: batch }, (_, b) => {
    let sum = 0;
    for (let s = 0; s < slots; s++) {
      for (let t = s + 1; t < slots; t++) {
        for (let d = 0; d < k; d++) {
          sum += at(b, s, fieldOfSlot[t], d) * at(b, t, fieldOfSlot[s], d);
        }
      }
    }
    return sum;
  });
}

function randomInput(shape: number[], seed: number): Float32Array {
  const random = new SeededRandom(seed);
  return Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => random.normal());
}

const layouts = [
  { title: 'one slot per field', fieldOfSlot: Int32Array.from([0, 1, 2, 3]), fields: 4 },
  { title: 'a multi-valued field', fieldOfSlot: Int32Array.from([0, 1, 2, 2, 2]), fields: 3 },
  {
    title: 'fields whose slots are not adjacent',
    fieldOfSlot: Int32Array.from([2, 0, 2, 1, 2, 0]),
    fields: 3,
  },
];

for (const layout of layouts) {
  forEachBackend(
    test,
    backends,
    `ffmPairwise equals the pairwise definition, ${layout.title}`,
    (t) => {
      const shape = [3, layout.fieldOfSlot.length, layout.fields, 2];
      const values = randomInput(shape, 5);
      const got = tf.tidy(() =>
        ffmPairwise(
          tf.tensor4d(values, shape as [number, number, number, number]),
          layout.fieldOfSlot,
        ).arraySync(),
      );
      const want = bruteForce(values, shape, layout.fieldOfSlot);
      got.forEach((value, b) => t.true(Math.abs(value - want[b]) < 1e-4, `${value} vs ${want[b]}`));
    },
  );

  forEachBackend(
    test,
    backends,
    `ffmPairwise gradient matches finite differences, ${layout.title}`,
    (t) => {
      const shape = [2, layout.fieldOfSlot.length, layout.fields, 2] as [
        number,
        number,
        number,
        number,
      ];
      const input = tf.tensor4d(randomInput(shape, 9), shape);
      // A weighted sum so every sample's gradient is distinct.
      const weights = tf.tensor1d([0.7, -1.3]);
      const f = (x: tf.Tensor) =>
        tf.sum(tf.mul(ffmPairwise(x as tf.Tensor4D, layout.fieldOfSlot), weights));
      const error = gradientError(f as (...inputs: tf.Tensor[]) => tf.Scalar, [input], 0);
      t.log(`largest relative error ${error.toExponential(2)}`);
      t.true(error < 1e-2);
      input.dispose();
      weights.dispose();
    },
  );
}
