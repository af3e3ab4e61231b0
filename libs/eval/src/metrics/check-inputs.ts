import { EvalError } from '../eval-error';

/** Numbers as a metric takes them: a plain array or any typed array. */
export type NumericArray = ArrayLike<number>;

/**
 * Checks that labels are 0/1, predictions finite and both of one length, and
 * names the first offending index so a caller can find the bad sample.
 */
export function checkLabelsAndPredictions(
  metric: string,
  labels: NumericArray,
  predictions: NumericArray,
): void {
  if (labels.length !== predictions.length) {
    throw new EvalError(
      `${metric}: ${labels.length} labels but ${predictions.length} predictions; ` +
        'pass one prediction per labelled sample',
    );
  }
  if (labels.length === 0) {
    throw new EvalError(`${metric}: no samples; evaluate on a non-empty set`);
  }
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== 0 && labels[i] !== 1) {
      throw new EvalError(`${metric}: label[${i}] = ${labels[i]}: labels must be 0 or 1`);
    }
    if (!Number.isFinite(predictions[i])) {
      throw new EvalError(`${metric}: prediction[${i}] = ${predictions[i]}: must be finite`);
    }
  }
}
