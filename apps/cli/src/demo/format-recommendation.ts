import type { Recommendation } from '@tmrm/schemas';

/** A recommendation as a few readable lines: items, scores, and why. */
export function formatRecommendation(recommendation: Recommendation, latencyMs: number): string {
  const head = `recommendation for ${recommendation.userId} (model ${recommendation.modelVersion}, ${latencyMs.toFixed(0)} ms)`;
  if (recommendation.error) return `${head}: ${recommendation.error}`;
  const lines = [head];
  recommendation.items.forEach((item, rank) => {
    lines.push(`  ${rank + 1}. ${item.itemId}  score ${item.score.toFixed(3)}`);
    for (const path of item.explanation)
      lines.push(`       because ${path.text}  (${path.weight.toFixed(2)})`);
  });
  return lines.join('\n');
}

/** The q-quantile of a list of numbers (nearest rank); NaN when empty. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
