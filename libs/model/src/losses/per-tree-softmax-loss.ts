import * as tf from '@tensorflow/tfjs';
import { customGradient } from '../layers/custom-gradient';
import { matMul } from '../layers/dense';
import type { TreeLayout } from '../model/leaf-space';

/**
 * L2 as one softmax per tree: exactly one leaf of each tree is active, so each tree's leaves
 * form a categorical variable and the loss is Σ_t −log softmax_t(z)[active leaf of t],
 * averaged over the batch. Unlike the independent BCE it uses that leaves of a tree exclude
 * each other, and it costs the same O(B·p·d) for the logits.
 */
export function perTreeSoftmaxLoss(
  head2Input: tf.Tensor2D,
  leafWeights: tf.Tensor2D,
  activeLeaves: tf.Tensor2D,
  layout: TreeLayout,
): tf.Scalar {
  const logits = matMul(head2Input, tf.transpose(leafWeights));
  const grouped = groupByTree(logits, layout, -1e9);
  const activeGrouped = groupByTree(activeLeaves, layout, 0);
  const total = treeSoftmaxCrossEntropy(grouped, activeGrouped);
  return tf.div(total, head2Input.shape[0]) as tf.Scalar;
}

/**
 * Σ over samples and trees of logsumexp(z_t) − Σ_j y_tj z_tj, for [B, T, L] logits and one-hot
 * y. logsumexp subtracts the per-tree maximum, so it never overflows. Hand-written gradient:
 * ∂/∂z_tj = softmax_t(z)_j − y_tj.
 */
export const treeSoftmaxCrossEntropy = customGradient(
  (logits: tf.Tensor, onehot: tf.Tensor, save: tf.GradSaveFunc) => {
    const logNormaliser = tf.logSumExp(logits, 2, true);
    save([logits, onehot, logNormaliser]);
    const perTree = tf.sub(tf.squeeze(logNormaliser, [2]), tf.sum(tf.mul(onehot, logits), 2));
    return {
      value: tf.sum(perTree),
      gradFunc: (dy: tf.Tensor, [z, y, lse]: tf.Tensor[]) => [
        tf.mul(tf.sub(tf.exp(tf.sub(z, lse)), y), dy),
        tf.zerosLike(y),
      ],
    };
  },
) as (logits: tf.Tensor, onehot: tf.Tensor) => tf.Scalar;

/**
 * Rearranges [B, p] leaf columns into [B, T, maxLeaves], tree by tree. When every tree has the
 * same number of leaves this is a reshape (tree t's leaves are contiguous); otherwise shorter
 * trees are padded with `padValue` through a column gather whose gradient is the inverse
 * gather (each leaf appears exactly once), avoiding the scatter kernel wasm lacks.
 */
export function groupByTree(x: tf.Tensor2D, layout: TreeLayout, padValue: number): tf.Tensor3D {
  const batch = x.shape[0];
  const { treeCount, maxLeaves } = layout;
  if (layout.uniform) return tf.reshape(x, [batch, treeCount, maxLeaves]);
  // The index tensors are made where they are used: tensors made in the forward pass and not
  // saved are disposed before the gradient runs.
  const gatherPadded = customGradient((input: tf.Tensor) => {
    const extended = tf.concat([input, tf.fill([batch, 1], padValue)], 1);
    return {
      value: tf.gather(extended, tf.tensor1d(layout.paddedIndex, 'int32'), 1),
      gradFunc: (dy: tf.Tensor) => tf.gather(dy, tf.tensor1d(layout.inverseIndex, 'int32'), 1),
    };
  });
  return tf.reshape(gatherPadded(x), [batch, treeCount, maxLeaves]);
}
