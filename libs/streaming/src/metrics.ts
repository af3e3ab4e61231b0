/**
 * Area under the ROC curve: the probability that a random positive scores above a random
 * negative, ties counting one half. Computed by the Mann-Whitney rank sum: with average ranks
 * r_i over all n scores (ties share their mean rank), AUC = (Σ_{positives} r_i − P(P+1)/2)/(P·N)
 * for P positives and N negatives. O(n log n). Null when one class is absent (undefined).
 */
export function areaUnderRoc(scores: ArrayLike<number>, labels: ArrayLike<number>): number | null {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let positives = 0;
  let rankSum = 0;
  for (let start = 0; start < n;) {
    let end = start;
    while (end + 1 < n && scores[order[end + 1]] === scores[order[start]]) end += 1;
    const meanRank = (start + end + 2) / 2; // ranks are 1-based
    for (let k = start; k <= end; k += 1) {
      if (labels[order[k]] === 1) {
        positives += 1;
        rankSum += meanRank;
      }
    }
    start = end + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return null;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/**
 * Mean binary cross-entropy −[y·log p + (1−y)·log(1−p)]. p is clipped to [1e-7, 1 − 1e-7]
 * so a confident miss costs about 16 nats instead of infinity. NaN for no samples.
 */
export function logLoss(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const eps = 1e-7;
  let total = 0;
  for (let i = 0; i < scores.length; i += 1) {
    const p = Math.min(1 - eps, Math.max(eps, scores[i]));
    total -= labels[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return total / scores.length;
}
