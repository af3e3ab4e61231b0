import * as tf from '@tensorflow/tfjs';

/**
 * The largest relative error between the analytic gradient of the scalar function `f` with
 * respect to `inputs[which]` and a central finite difference (f(x+h) − f(x−h)) / 2h, over
 * every element. Float32 needs a coarse step; the relative error is measured against
 * max(|analytic|, |numeric|, 1e-2) so tiny gradients do not dominate.
 */
export function gradientError(
  f: (...inputs: tf.Tensor[]) => tf.Tensor,
  inputs: tf.Tensor[],
  which: number,
  step = 1e-2,
): number {
  const analytic = tf.tidy(() => tf.grads(f)(inputs)[which].dataSync());
  const base = inputs[which].dataSync();
  let worst = 0;
  for (let i = 0; i < base.length; i++) {
    const at = (delta: number) =>
      tf.tidy(() => {
        const moved = Float32Array.from(base);
        moved[i] += delta;
        const args = inputs.map((x, j) => (j === which ? tf.tensor(moved, x.shape) : x));
        return f(...args).dataSync()[0];
      });
    const numeric = (at(step) - at(-step)) / (2 * step);
    const scale = Math.max(Math.abs(analytic[i]), Math.abs(numeric), 1e-2);
    worst = Math.max(worst, Math.abs(analytic[i] - numeric) / scale);
  }
  return worst;
}
