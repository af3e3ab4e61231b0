import * as tf from '@tensorflow/tfjs';
import { customGradient } from '../layers/custom-gradient';

/**
 * Head 2's input as the leaf loss sees it: the identity in the forward pass, with the gradient
 * flowing back into the shared body multiplied by `scale` (1: the paper's full sharing, 0: a
 * detached head that only reads the body). Head 2's own weights Re always get their full
 * gradient; only how strongly the leaf task shapes the body changes.
 */
export function leafHeadInput(head2Input: tf.Tensor2D, scale: number): tf.Tensor2D {
  if (scale === 1) return head2Input;
  return scaledGradient(head2Input, tf.scalar(scale)) as tf.Tensor2D;
}

// The scale is a tensor input (with a zero gradient) rather than a closure constant, so the one
// custom-gradient function serves every scale.
const scaledGradient = customGradient((x: tf.Tensor, scale: tf.Tensor, save: tf.GradSaveFunc) => {
  save([scale]);
  return {
    value: tf.clone(x),
    gradFunc: (dy: tf.Tensor, [s]: tf.Tensor[]) => [tf.mul(dy, s), tf.zerosLike(s)],
  };
});
