import * as tf from '@tensorflow/tfjs';

type GradientFunction = (dy: tf.Tensor, saved: tf.Tensor[]) => tf.Tensor | tf.Tensor[];

/**
 * `tf.customGrad` with plain typed parameters: `body` receives the input tensors, then the
 * save function, and returns the value and its hand-written gradient.
 */
export function customGradient<T extends tf.Tensor>(
  body: (...args: never[]) => { value: T; gradFunc: GradientFunction },
): (...inputs: tf.Tensor[]) => T {
  const wrapped = tf.customGrad(body as unknown as Parameters<typeof tf.customGrad>[0]);
  return wrapped as unknown as (...inputs: tf.Tensor[]) => T;
}
