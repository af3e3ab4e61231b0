import { EvalError } from '../eval-error';
import { checkLabelsAndPredictions, type NumericArray } from './check-inputs';

/**
 * Area under the ROC curve, computed as the Mann-Whitney rank statistic.
 *
 * AUC is the probability that a random positive scores above a random negative,
 * counting a tie as one half. Sorting all scores and giving tied scores the
 * average of the ranks they span, with R+ the rank sum of the positives:
 *
 *   AUC = (R+ - n+ (n+ + 1) / 2) / (n+ n-)
 *
 * because R+ - n+(n+ + 1)/2 counts, for every positive, the negatives ranked
 * below it, and a tie contributes exactly 1/2 through the averaged rank. This is
 * O(n log n) and exact, unlike trapezoids over a thresholded ROC curve.
 *
 * @param labels 0/1 per sample.
 * @param scores any finite score per sample; only its order matters.
 * @throws EvalError when lengths differ, a label is not 0/1, a score is not
 *   finite, or one class is absent (AUC is undefined then).
 * @example
 * auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]); // 0.75
 */
export function auc(labels: NumericArray, scores: NumericArray): number {
  checkLabelsAndPredictions('auc', labels, scores);
  const n = labels.length;
  let positives = 0;
  for (let i = 0; i < n; i++) positives += labels[i];
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) {
    throw new EvalError(
      `auc: ${positives} positives and ${negatives} negatives among ${n} samples: ` +
        'AUC needs both classes; evaluate on a larger or stratified set',
    );
  }

  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => scores[a] - scores[b]);

  let positiveRankSum = 0;
  for (let start = 0; start < n;) {
    let end = start + 1;
    while (end < n && scores[order[end]] === scores[order[start]]) end++;
    // Ranks are 1-based: the tie group covers ranks start+1 .. end.
    const averageRank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) {
      if (labels[order[k]] === 1) positiveRankSum += averageRank;
    }
    start = end;
  }
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** True when {@link auc} is defined for these labels: both classes are present. */
export function hasBothClasses(labels: NumericArray): boolean {
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i] === 1 ? 1 : 0;
  return positives > 0 && positives < labels.length;
}
