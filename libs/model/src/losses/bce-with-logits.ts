import * as tf from '@tensorflow/tfjs';
import { customGradient } from '../layers/custom-gradient';

/**
 * Σ weight · BCE(σ(z), y) over all elements, computed from the logits z without ever forming
 * σ(z) inside a log.
 *
 * Derivation: −y log σ(z) − (1−y) log(1−σ(z)) = log(1 + e^z) − y z, and
 * log(1 + e^z) = max(z, 0) + log(1 + e^{−|z|}), whose exponent is never positive, so nothing
 * overflows for large |z| and nothing rounds to log(0). The gradient is written by hand,
 * ∂/∂z = weight · (σ(z) − y): one sigmoid instead of differentiating through abs, exp and log1p.
 * Without `weights`, every element counts once.
 */
export function sumBceWithLogits(
  logits: tf.Tensor,
  labels: tf.Tensor,
  weights?: tf.Tensor,
): tf.Scalar {
  return weights ? weightedBce(logits, labels, weights) : unweightedBce(logits, labels);
}

const weightedBce = customGradient(
  (logits: tf.Tensor, labels: tf.Tensor, weights: tf.Tensor, save: tf.GradSaveFunc) => {
    save([logits, labels, weights]);
    return {
      value: tf.sum(tf.mul(elementwiseBce(logits, labels), weights)) as tf.Scalar,
      gradFunc: (dy: tf.Tensor, [z, y, w]: tf.Tensor[]) => [
        tf.mul(tf.mul(tf.sub(tf.sigmoid(z), y), w), dy),
        tf.zerosLike(y),
        tf.zerosLike(w),
      ],
    };
  },
);

const unweightedBce = customGradient(
  (logits: tf.Tensor, labels: tf.Tensor, save: tf.GradSaveFunc) => {
    save([logits, labels]);
    return {
      value: tf.sum(elementwiseBce(logits, labels)) as tf.Scalar,
      gradFunc: (dy: tf.Tensor, [z, y]: tf.Tensor[]) => [
        tf.mul(tf.sub(tf.sigmoid(z), y), dy),
        tf.zerosLike(y),
      ],
    };
  },
);

function elementwiseBce(logits: tf.Tensor, labels: tf.Tensor): tf.Tensor {
  const softplus = tf.add(tf.relu(logits), tf.log1p(tf.exp(tf.neg(tf.abs(logits)))));
  return tf.sub(softplus, tf.mul(labels, logits));
}

/** Mean binary cross-entropy of click logits [B] or [B, 1] against 0/1 labels: the paper's L1. */
export function clickLoss(logits: tf.Tensor, labels: tf.Tensor): tf.Scalar {
  const flat = tf.reshape(logits, [-1]);
  return tf.div(sumBceWithLogits(flat, labels), flat.shape[0]) as tf.Scalar;
}
