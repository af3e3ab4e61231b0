import * as tf from '@tensorflow/tfjs';
import { matMul } from '../layers/dense';

/**
 * The pairwise term of a field-aware factorization machine (Juan et al., 2016):
 *   y_ffm = Σ_{s<t} <v_{s, F(t)}, v_{t, F(s)}> f_s f_t
 * where every feature has one k-vector per field, and a pair uses, on each side, the vector
 * meant for the other side's field.
 *
 * Input: `weighted` [B, S, F, k], the F field-aware vectors of each slot's active feature times
 * its value f_s (w_{s,T} = v_{s,T} f_s); `fieldOfSlot` the field of each slot. Output [B].
 *
 * Computation by field sums. A multi-valued field (19 genre slots on MovieLens) gives many
 * slots to one field, so the pairs are summed per pair of fields, not per pair of slots. Let
 * U[A, T] = Σ_{s in field A} w_{s,T}, [B, F, F, k]: one matMul with the constant [S, F]
 * slot-to-field matrix. Then
 *  - slots of different fields A < C: Σ_{s∈A, t∈C} <w_{s,C}, w_{t,A}> = <U[A, C], U[C, A]>;
 *  - slots of one field A (s < t, both in A, each reading the other's field A): the FM
 *    identity, Σ_{s<t} <w_{s,A}, w_{t,A}> = ½ (|U[A, A]|² − Σ_{s∈A} |w_{s,A}|²).
 * With P[A, C] = <U[A, C], U[C, A]> (P's diagonal is |U[A, A]|²):
 *   y = Σ_{A<C} P[A, C] + ½ Σ_A P[A, A] − ½ Σ_s |w_{s,F(s)}|².
 * The cost is O(S·F²·k) for U and O(F²·k) after, against O(S²·k) pair by pair: with 27 slots
 * in 9 fields, about 9 times fewer products, and no [B, S, S, k] intermediate.
 */
export function ffmPairwise(weighted: tf.Tensor4D, fieldOfSlot: Int32Array): tf.Tensor1D {
  const [batch, slots, fields, k] = weighted.shape;
  const slotToField = new Float32Array(slots * fields);
  fieldOfSlot.forEach((field, slot) => (slotToField[slot * fields + field] = 1));
  const membership = tf.tensor2d(slotToField, [slots, fields]);

  // U as [B, T, k, A]: slots summed into their field A, for every target field T.
  const bySlot = tf.reshape(tf.transpose(weighted, [0, 2, 3, 1]), [batch * fields * k, slots]);
  const sums = tf.reshape(matMul(bySlot as tf.Tensor2D, membership), [batch, fields, k, fields]);
  const u = tf.transpose(sums, [0, 3, 1, 2]); // [B, A, T, k]
  const pairs = tf.sum(tf.mul(u, tf.transpose(u, [0, 2, 1, 3])), 3); // P, [B, F, F]

  const coefficients = new Float32Array(fields * fields);
  for (let a = 0; a < fields; a++) {
    coefficients[a * fields + a] = 0.5;
    for (let c = a + 1; c < fields; c++) coefficients[a * fields + c] = 1;
  }
  const crossAndSquares = tf.sum(
    tf.mul(pairs, tf.tensor2d(coefficients, [fields, fields])),
    [1, 2],
  );
  // Σ_s |w_{s,F(s)}|²: each slot's vector for its own field, picked by the membership mask.
  const ownField = tf.mul(tf.square(weighted), tf.reshape(membership, [1, slots, fields, 1]));
  const selfSquares = tf.sum(ownField, [1, 2, 3]);
  return tf.sub(crossAndSquares, tf.mul(0.5, selfSquares)) as tf.Tensor1D;
}
