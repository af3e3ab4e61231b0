import * as tf from '@tensorflow/tfjs';
import { matMul } from '../layers/dense';

/**
 * The pairwise term of a field-aware factorization machine (Juan et al., 2016):
 *   y_ffm = Σ_{s<t} <v_{s, F(t)}, v_{t, F(s)}> f_s f_t
 * where every feature has one k-vector per field, and a pair uses, on each side, the vector
 * meant for the other side's field.
 *
 * Input: `weighted` [B, S, F, k], the F field-aware vectors of each slot's active feature times
 * its value f_s; `fieldOfSlot` the field of each slot. Output [B].
 *
 * Computation: let M[b, s, t] = weighted[b, s, F(t)] (slot s's vector for slot t's field),
 * [B, S, S, k]. The pair (s, t) contributes <M[s, t], M[t, s]>, so with Mᵀ the swap of the
 * two slot axes, y = Σ_{s<t} Σ_d (M ⊙ Mᵀ)[s, t, d]: an elementwise product, a sum over d and
 * a strictly upper-triangular mask. Unlike FM there is no O(S·k) identity (every pair reads
 * different vectors), so this costs O(S²·k), as FFM does. When every field has one slot,
 * F(t) = t and M = weighted; otherwise the field lookup is a matMul with the constant [F, S]
 * selection matrix (F(t), t), which keeps the gradient on kernels the wasm backend has.
 */
export function ffmPairwise(weighted: tf.Tensor4D, fieldOfSlot: Int32Array): tf.Tensor1D {
  const [batch, slots, fields, k] = weighted.shape;
  const identity = slots === fields && fieldOfSlot.every((field, slot) => field === slot);
  let pairs: tf.Tensor4D = weighted;
  if (!identity) {
    const select = new Float32Array(fields * slots);
    fieldOfSlot.forEach((field, slot) => (select[field * slots + slot] = 1));
    const byField = tf.reshape(tf.transpose(weighted, [0, 1, 3, 2]), [batch * slots * k, fields]);
    const bySlot = matMul(byField as tf.Tensor2D, tf.tensor2d(select, [fields, slots]));
    pairs = tf.transpose(tf.reshape(bySlot, [batch, slots, k, slots]), [0, 1, 3, 2]);
  }
  const products = tf.sum(tf.mul(pairs, tf.transpose(pairs, [0, 2, 1, 3])), 3);
  const upper = new Float32Array(slots * slots);
  for (let s = 0; s < slots; s++) for (let t = s + 1; t < slots; t++) upper[s * slots + t] = 1;
  return tf.sum(tf.mul(products, tf.tensor2d(upper, [slots, slots])), [1, 2]) as tf.Tensor1D;
}
