import { EvalError } from '../eval-error';

/** Mean and spread of one measurement repeated over seeds. */
export interface SummaryStat {
  mean: number;
  /** Sample standard deviation (n - 1 in the denominator); null when n < 2. */
  std: number | null;
  /** How many values were summarised. */
  n: number;
}

/**
 * Mean ± sample standard deviation, the way the paper reports runs over seeds.
 *
 * The spread uses n - 1 (Bessel's correction) because the seeds are a sample
 * of all seeds one could have drawn; with one value there is no spread to
 * estimate, so `std` is null rather than a misleading 0. The sum of squares is
 * taken around the mean (two passes), which stays accurate when the values are
 * close together, as AUCs over seeds are.
 */
export function summaryStat(values: readonly number[]): SummaryStat {
  if (values.length === 0) {
    throw new EvalError('summaryStat: no values; run at least one seed');
  }
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new EvalError(`summaryStat: value[${i}] = ${values[i]}: must be finite`);
    }
  }
  const n = values.length;
  const mean = values.reduce((sum, value) => sum + value, 0) / n;
  if (n < 2) return { mean, std: null, n };
  const squares = values.reduce((sum, value) => sum + (value - mean) ** 2, 0);
  return { mean, std: Math.sqrt(squares / (n - 1)), n };
}
