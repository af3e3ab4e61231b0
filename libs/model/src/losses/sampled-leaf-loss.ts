import * as tf from '@tensorflow/tfjs';
import { matMul } from '../layers/dense';
import { sumBceWithLogits } from './bce-with-logits';

/**
 * L2 for large p, in the spirit of the paper's NCE: per batch, only the candidate leaves C =
 * (every leaf active in some sample of the batch) ∪ (m negatives drawn from a proposal Q) get
 * logits, so the cost is O(B·|C|·d) instead of O(B·p·d).
 *
 * Derivation (noise-contrastive estimation with the log-probability correction): read head 2's
 * logit z_j as an unnormalised log-probability of leaf j. A leaf that is truly active is the
 * "data" class, a draw from Q the "noise" class, with m noise draws per data leaf. By Bayes,
 *   P(data | j) = p(j) / (p(j) + m·Q(j)) = σ(z_j − log(m·Q(j))),
 * so the loss is binary cross-entropy on the corrected logits z_j − log(m·Q(j)): label 1 on
 * the sample's active leaves, label 0 on the sampled negatives. Its optimum is z_j =
 * log p(j | x) with no normalisation over all p leaves. Without the correction, frequently
 * sampled leaves would be pushed down more than rare ones merely for being sampled.
 *
 * Consequence: under this loss σ(z_j) ranks leaves (which is what explanations use) but is not
 * a calibrated per-leaf probability, unlike the full loss.
 *
 * `candidateWeights` [|C|, d+1] are the rows of Re for C; `labels` and `mask` are [B, |C|]
 * (mask is 1 on the sample's active leaves and on the sampled negatives that are not active for
 * it, 0 on leaves that are candidates only because another sample activates them);
 * `logCorrection` [|C|] holds log(m·Q(j)).
 */
export function sampledLeafLoss(
  head2Input: tf.Tensor2D,
  candidateWeights: tf.Tensor2D,
  labels: tf.Tensor2D,
  mask: tf.Tensor2D,
  logCorrection: tf.Tensor1D,
): tf.Scalar {
  const logits = matMul(head2Input, tf.transpose(candidateWeights));
  const corrected = tf.sub(logits, logCorrection);
  const total = sumBceWithLogits(corrected, labels, mask);
  return tf.div(total, head2Input.shape[0]) as tf.Scalar;
}
