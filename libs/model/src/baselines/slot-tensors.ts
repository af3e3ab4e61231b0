import * as tf from '@tensorflow/tfjs';
import type { EncodedBatch } from '../input/feature-encoder';
import { linearPart } from '../layers/linear-part';

/** f_i of each slot, [B, S] (a constant). Call inside tidy. */
export function slotValues(batch: EncodedBatch): tf.Tensor2D {
  return tf.tensor2d(batch.values, [batch.size, batch.slotCount]);
}

/** Per-slot rows [B·S, w] as [B, S, w], each multiplied by its slot's f_i. */
export function weightedSlots(rows: tf.Tensor2D, batch: EncodedBatch): tf.Tensor3D {
  const bySlot = tf.reshape(rows, [batch.size, batch.slotCount, rows.shape[1]]);
  return tf.mul(bySlot, tf.expandDims(slotValues(batch), 2)) as tf.Tensor3D;
}

/** TMRM's linear part w0 + Σ_i w_i f_i from the per-slot weights [B·S, 1]; [B, 1]. */
export function linearLogit(weights: tf.Tensor2D, bias: tf.Tensor, batch: EncodedBatch) {
  const bySlot = tf.reshape(weights, [batch.size, batch.slotCount]) as tf.Tensor2D;
  return linearPart(bias as tf.Tensor1D, bySlot, slotValues(batch));
}
