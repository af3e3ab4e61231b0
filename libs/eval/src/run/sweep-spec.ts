import { ConfigError } from '@tmrm/common';
import type { TrainingBudget } from '../results/eval-results';

/** The hyper-parameters the paper sweeps, the budget field each sets, and the metric it plots. */
export const SWEEP_PARAMETERS = {
  trees: { budgetField: 'trees', metric: 'auc', integer: true, min: 1 },
  depth: { budgetField: 'depth', metric: 'auc', integer: true, min: 1 },
  dropout: { budgetField: 'dropout', metric: 'logloss', integer: false, min: 0 },
  embedding: { budgetField: 'embeddingSize', metric: 'logloss', integer: true, min: 1 },
} as const satisfies Record<
  string,
  { budgetField: keyof TrainingBudget; metric: 'auc' | 'logloss'; integer: boolean; min: number }
>;

export type SweepParameter = keyof typeof SWEEP_PARAMETERS;

/** One `--sweep name=v1,v2,...`. */
export interface SweepSpec {
  parameter: SweepParameter;
  values: number[];
}

/**
 * Parses `trees=50,100,200` into a {@link SweepSpec}, checking the parameter
 * name and that every value is a number in range (dropout below 1).
 */
export function parseSweep(text: string): SweepSpec {
  const [name, list] = text.split('=');
  if (!(name in SWEEP_PARAMETERS) || list === undefined) {
    throw new ConfigError(
      '--sweep',
      text,
      `must be NAME=V1,V2,... with NAME one of ${Object.keys(SWEEP_PARAMETERS).join(', ')}`,
      'e.g. --sweep trees=50,100,200',
    );
  }
  const parameter = name as SweepParameter;
  const rule = SWEEP_PARAMETERS[parameter];
  const values = list.split(',').map((raw) => Number(raw.trim()));
  for (const value of values) {
    const bad =
      !Number.isFinite(value) ||
      value < rule.min ||
      (rule.integer && !Number.isInteger(value)) ||
      (parameter === 'dropout' && value >= 1);
    if (bad) {
      const kind = rule.integer ? `integers >= ${rule.min}` : 'numbers in [0, 1)';
      throw new ConfigError(`--sweep ${parameter}`, list, `values must be ${kind}`);
    }
  }
  return { parameter, values: [...new Set(values)].sort((a, b) => a - b) };
}

/** The budget with one swept parameter set to `value`. */
export function budgetWith(budget: TrainingBudget, spec: SweepParameter, value: number) {
  return { ...budget, [SWEEP_PARAMETERS[spec].budgetField]: value } as TrainingBudget;
}
