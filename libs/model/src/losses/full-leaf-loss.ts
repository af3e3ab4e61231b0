import * as tf from '@tensorflow/tfjs';
import { matMul } from '../layers/dense';
import { sumBceWithLogits } from './bce-with-logits';

/**
 * The paper's L2: independent binary cross-entropy over all p leaves, summed over leaves and
 * averaged over the batch. `head2Input` is [B, d+1] (the shared representation with a trailing
 * column of ones), `leafWeights` is [p, d+1] (row j = column j of Re with its bias last), and
 * `activeLeaves` the [B, p] 0/1 matrix with T ones per row.
 */
export function fullLeafLoss(
  head2Input: tf.Tensor2D,
  leafWeights: tf.Tensor2D,
  activeLeaves: tf.Tensor2D,
): tf.Scalar {
  const logits = matMul(head2Input, tf.transpose(leafWeights));
  const total = sumBceWithLogits(logits, activeLeaves);
  return tf.div(total, head2Input.shape[0]) as tf.Scalar;
}
