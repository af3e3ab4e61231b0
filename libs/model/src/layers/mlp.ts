import * as tf from '@tensorflow/tfjs';
import { dense } from './dense';

/** The tensors of one fully connected layer. */
export interface DenseTensors {
  kernel: tf.Tensor2D;
  bias: tf.Tensor1D;
}

/**
 * The deep part of the paper: fully connected ReLU layers, each followed by dropout while
 * training. Returns the last hidden layer [B, s] (head 2 reads it; head 1 reads a linear unit
 * on top of it). `seed` makes the dropout masks reproducible.
 */
export function mlp(
  input: tf.Tensor2D,
  layers: readonly DenseTensors[],
  options: { dropoutRate: number; training: boolean; seed: number },
): tf.Tensor2D {
  let hidden = input;
  layers.forEach((layer, i) => {
    hidden = dense(hidden, layer.kernel, layer.bias, 'relu');
    if (options.training && options.dropoutRate > 0) {
      hidden = tf.dropout(hidden, options.dropoutRate, undefined, options.seed + i) as tf.Tensor2D;
    }
  });
  return hidden;
}
