import * as tf from '@tensorflow/tfjs';

/**
 * How the click loss L1 and the leaf loss L2 are combined.
 * - `fixed`: w1·L1 + w2·L2 with given weights (ablations; w2 = 0 trains head 1 only).
 * - `optimal-weights` (TMRM-OW, the paper's eq. 9): learned weights on the simplex.
 * - `homoscedastic` (TMRM-HU, eq. 10): learned log-variances.
 */
export type TaskWeighting =
  | { kind: 'fixed'; weights: [number, number] }
  | { kind: 'optimal-weights'; penaltyLambda: number }
  | { kind: 'homoscedastic' };

/** Number of free parameters a weighting learns (a vector of this length). */
export function taskParameterCount(weighting: TaskWeighting): number {
  return weighting.kind === 'fixed' ? 0 : 2;
}

/** Initial values of those parameters: equal weights (OW) and s_i = 0 (HU). */
export function initialTaskParameters(weighting: TaskWeighting): Float32Array {
  return new Float32Array(taskParameterCount(weighting));
}

/**
 * The combined loss of the two tasks and the weights in effect.
 *
 * TMRM-OW, our reading of eq. 9: the paper writes the loss as Σ_i w_i L_i with w on the simplex
 * plus an L2 penalty on the weights, without saying how w is kept on the simplex or what the
 * penalty is on. We keep w on the simplex exactly by w = softmax(α) with free α, and penalise
 * λ·||w||². Without the penalty, minimising over w would put all weight on the smaller loss;
 * ||w||² is smallest at the uniform point of the simplex, so λ pulls w towards equal weights
 * and sets how far the smaller loss may win (λ → ∞ gives fixed equal weights).
 *
 * TMRM-HU (eq. 10, Kendall et al.'s homoscedastic uncertainty): Σ_i ½·exp(−s_i)·L_i + s_i
 * with learned s_i = log σ_i²; at the optimum for fixed L_i, exp(s_i) = L_i / 2, so each task
 * is weighted by the inverse of its current loss scale.
 */
export function combineTaskLosses(
  weighting: TaskWeighting,
  losses: [tf.Scalar, tf.Scalar],
  parameters: tf.Tensor1D | null,
): tf.Scalar {
  const stacked = tf.stack(losses) as tf.Tensor1D;
  if (weighting.kind === 'fixed') {
    return tf.sum(tf.mul(stacked, tf.tensor1d(weighting.weights))) as tf.Scalar;
  }
  const free = parameters as tf.Tensor1D;
  if (weighting.kind === 'optimal-weights') {
    const weights = tf.softmax(free);
    const penalty = tf.mul(weighting.penaltyLambda, tf.sum(tf.square(weights)));
    return tf.add(tf.sum(tf.mul(weights, stacked)), penalty) as tf.Scalar;
  }
  return tf.sum(tf.add(tf.mul(tf.mul(0.5, tf.exp(tf.neg(free))), stacked), free)) as tf.Scalar;
}

/** The effective weight of each task for logging: w_i (fixed, OW) or ½·exp(−s_i) (HU). */
export function effectiveTaskWeights(
  weighting: TaskWeighting,
  parameters: Float32Array,
): [number, number] {
  if (weighting.kind === 'fixed') return [...weighting.weights];
  if (weighting.kind === 'homoscedastic') {
    return [0.5 * Math.exp(-parameters[0]), 0.5 * Math.exp(-parameters[1])];
  }
  const top = Math.max(parameters[0], parameters[1]);
  const e0 = Math.exp(parameters[0] - top);
  const e1 = Math.exp(parameters[1] - top);
  return [e0 / (e0 + e1), e1 / (e0 + e1)];
}
