import * as tf from '@tensorflow/tfjs';

/**
 * The linear part of the paper, y_linear = w0 + Σ_i w_i f_i, over the S feature slots of each
 * sample. `weights` are the w_i of each slot's active row [B, S], `values` the f_i [B, S].
 * Returns [B, 1].
 */
export function linearPart(bias: tf.Tensor1D, weights: tf.Tensor2D, values: tf.Tensor2D) {
  return tf.add(tf.sum(tf.mul(weights, values), 1, true), bias) as tf.Tensor2D;
}
