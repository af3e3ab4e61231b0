import { ConfigError } from '@tmrm/common';
import { EvalError } from '../eval-error';
import { checkLabelsAndPredictions, type NumericArray } from './check-inputs';

/** Options for {@link logLoss}. */
export interface LogLossOptions {
  /**
   * Probabilities are clipped to [epsilon, 1 - epsilon] before the logarithm.
   * Default 1e-15, the convention of scikit-learn and XGBoost, so numbers match.
   */
  epsilon?: number;
}

/**
 * Mean binary cross-entropy of predicted click probabilities.
 *
 *   logloss = -(1/n) Σ [y log p + (1 - y) log(1 - p)]
 *
 * A confident wrong prediction (p = 0 for a positive) would cost -log 0 = ∞ and
 * swamp the mean, so p is clipped to [ε, 1 - ε]: each term is then at most
 * -log ε (about 34.5 for ε = 1e-15). log(1 - p) is taken as log1p(-p), which
 * keeps its precision for small p where 1 - p would round.
 *
 * @param labels 0/1 per sample.
 * @param probabilities predicted P(label = 1), in [0, 1].
 * @example
 * logLoss([1, 0], [0.9, 0.2]); // (-(ln 0.9) - ln 0.8) / 2 ≈ 0.1643
 */
export function logLoss(
  labels: NumericArray,
  probabilities: NumericArray,
  options: LogLossOptions = {},
): number {
  const epsilon = options.epsilon ?? 1e-15;
  if (!(epsilon > 0 && epsilon < 0.5)) {
    throw new ConfigError('epsilon', epsilon, 'must be in (0, 0.5)', 'use the default 1e-15');
  }
  checkLabelsAndPredictions('logLoss', labels, probabilities);
  for (let i = 0; i < probabilities.length; i++) {
    if (probabilities[i] < 0 || probabilities[i] > 1) {
      throw new EvalError(
        `logLoss: probability[${i}] = ${probabilities[i]}: must be in [0, 1]; ` +
          'pass probabilities, not logits',
      );
    }
  }

  let total = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = Math.min(1 - epsilon, Math.max(epsilon, probabilities[i]));
    total -= labels[i] === 1 ? Math.log(p) : Math.log1p(-p);
  }
  return total / labels.length;
}
