import * as tf from '@tensorflow/tfjs';
import { matMul } from './dense';

/**
 * The input of the deep part: one embedding per field, concatenated, [B, F·k]. A field's
 * embedding is the sum over its slots of v_s f_s (for a multi-valued field with mean
 * weighting, the mean of its values' embeddings). `pooling` is the [S, F] 0/1 matrix of
 * slot-to-field membership, or null when every field has exactly one slot.
 */
export function poolFields(weighted: tf.Tensor3D, pooling: tf.Tensor2D | null): tf.Tensor2D {
  const [batch, slots, k] = weighted.shape;
  if (pooling === null) return tf.reshape(weighted, [batch, slots * k]);
  const fields = pooling.shape[1];
  const bySlot = tf.reshape(tf.transpose(weighted, [0, 2, 1]), [batch * k, slots]) as tf.Tensor2D;
  const byField = tf.reshape(matMul(bySlot, pooling), [batch, k, fields]);
  return tf.reshape(tf.transpose(byField, [0, 2, 1]), [batch, fields * k]);
}
