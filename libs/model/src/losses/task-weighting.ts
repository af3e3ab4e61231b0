import * as tf from '@tensorflow/tfjs';
import type { LeafSpace } from '../model/leaf-space';
import type { LeafLoss } from '../model/model-config';
import { expectedInitialLosses } from './initial-task-losses';

/**
 * How the click loss L1 and the leaf loss L2 are combined.
 * - `fixed`: w1·L1 + w2·L2 with given weights (ablations; w2 = 0 trains head 1 only).
 * - `optimal-weights` (TMRM-OW, the paper's eq. 9): learned weights on the simplex.
 * - `homoscedastic` (TMRM-HU, eq. 10): learned log-variances s = [s_click, s_leaf].
 *   `initialLogVariances` defaults to HU's own optimum for the losses expected at initialisation
 *   (see {@link initialTaskParameters}); Kendall et al.'s s = 0 is `[0, 0]`.
 */
export type TaskWeighting =
  | { kind: 'fixed'; weights: [number, number] }
  | { kind: 'optimal-weights'; penaltyLambda: number }
  | { kind: 'homoscedastic'; initialLogVariances?: [number, number] };

/** Number of free parameters a weighting learns (a vector of this length). */
export function taskParameterCount(weighting: TaskWeighting): number {
  return weighting.kind === 'fixed' ? 0 : 2;
}

/**
 * Initial values of those parameters, from the losses L_i⁰ expected at initialisation
 * ({@link expectedInitialLosses}): for HU the given `initialLogVariances`, else
 * s_i = log(L_i⁰ / 2); for OW α_i = −log L_i⁰, so w_i ∝ 1/L_i⁰ and both weighted losses start
 * equal (with α = 0 the summed leaf loss would dominate the same way as below).
 *
 * Why not s = 0 (Kendall et al.): ½·exp(−s)·L + s is smallest at s = log(L / 2), where the
 * task's weight ½·exp(−s) is 1/L and its gradient on the shared body is ∇L / L = ∇log L, so at
 * the optimum HU balances the tasks whatever their scales. But s only gets there by gradient
 * steps of about the learning rate each. L2 sums a cross-entropy over every tree (about
 * T·(log L + 1), over 200 with 50 trees of 32 leaves, against L1 ≈ 0.69), so from s = 0
 * the leaf task outweighs the click task ~300-fold and s_leaf needs log(110) ≈ 4.7 / 0.001 ≈
 * 4,700 Adam steps to catch up: longer than two epochs of ml-100k at batch 512. Measured there
 * (120,000 training rows, one epoch, 50 trees of depth 5, p = 1,492): test AUC 0.641 from s = 0
 * against 0.843 from this start, DeepFM 0.850. Starting at the optimum for the initial losses
 * is the same weighting HU converges to, reached at step 0.
 */
export function initialTaskParameters(
  weighting: TaskWeighting,
  leafSpace: LeafSpace,
  leafLoss: LeafLoss,
): Float32Array {
  if (weighting.kind === 'fixed') return new Float32Array(0);
  const losses = expectedInitialLosses(leafSpace, leafLoss);
  if (weighting.kind === 'optimal-weights') return Float32Array.from(losses, (L) => -Math.log(L));
  if (weighting.initialLogVariances) return Float32Array.from(weighting.initialLogVariances);
  return Float32Array.from(losses, (loss) => Math.log(loss / 2));
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
