import * as tf from '@tensorflow/tfjs';

/**
 * The FM second-order part of the paper, kept as its k-vector (head 2 reads the k values,
 * head 1 their sum).
 *
 * Input: u_s = v_s * f_s for the S active feature slots of each sample, shape [B, S, k].
 * Output: for each sample the vector whose sum is Σ_{i<j} <v_i, v_j> f_i f_j, shape [B, k].
 *
 * Derivation, per embedding dimension d (all pairs i≠j counted twice, the diagonal once):
 *   (Σ_i u_id)² = Σ_i Σ_j u_id u_jd = Σ_i u_id² + 2 Σ_{i<j} u_id u_jd
 *   so Σ_{i<j} u_id u_jd = ½ ((Σ_i u_id)² − Σ_i u_id²)
 * and summing over d gives Σ_{i<j} <u_i, u_j>. This costs O(S·k) instead of O(S²·k).
 * Padding slots have f = 0, so u = 0 and they add nothing to either sum.
 */
export function fmPart(weightedEmbeddings: tf.Tensor3D): tf.Tensor2D {
  const sumThenSquare = tf.square(tf.sum(weightedEmbeddings, 1));
  const squareThenSum = tf.sum(tf.square(weightedEmbeddings), 1);
  return tf.mul(0.5, tf.sub(sumThenSquare, squareThenSum)) as tf.Tensor2D;
}
