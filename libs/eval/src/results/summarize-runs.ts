import { summaryStat } from '../metrics/summary-stat';
import type { ModelRun, ModelSummary, SweepPoint, SweepRun } from './eval-results';

/**
 * Aggregates runs per model over seeds (mean ± sample standard deviation), in
 * the order models first appear in `runs`, which is the order they were asked for.
 */
export function summarizeRuns(runs: readonly ModelRun[]): ModelSummary[] {
  const byModel = new Map<string, ModelRun[]>();
  for (const run of runs) {
    const group = byModel.get(run.model) ?? [];
    group.push(run);
    byModel.set(run.model, group);
  }
  return [...byModel].map(([model, group]) => ({
    model,
    auc: summaryStat(group.map((run) => run.auc)),
    logloss: summaryStat(group.map((run) => run.logloss)),
    trainSeconds: summaryStat(group.map((run) => run.trainSeconds)),
  }));
}

/** Aggregates a sweep's runs per swept value over seeds, values in increasing order. */
export function summarizeSweep(runs: readonly SweepRun[]): SweepPoint[] {
  const values = [...new Set(runs.map((run) => run.value))].sort((a, b) => a - b);
  return values.map((value) => {
    const group = runs.filter((run) => run.value === value);
    return {
      value,
      auc: summaryStat(group.map((run) => run.auc)),
      logloss: summaryStat(group.map((run) => run.logloss)),
    };
  });
}
