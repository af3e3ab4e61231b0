import { ConfigError } from '@tmrm/common';
import { EvalError } from '../eval-error';
import { studentTQuantile } from './student-t';

/** Options for {@link meanDifferenceInterval}. */
export interface MeanDifferenceOptions {
  /** First group, e.g. score drops when the explained features are masked. */
  a: readonly number[];
  /** Second group, e.g. score drops when as many random features are masked. */
  b: readonly number[];
  /**
   * True when a[i] and b[i] are measured on the same unit (the same sample, the
   * same seed): the interval is then on the per-pair differences, which removes
   * the between-sample spread. Requires equal lengths. Default false.
   */
  paired?: boolean;
  /** Two-sided coverage, in (0, 1). Default 0.95. */
  confidence?: number;
}

/** A confidence interval for mean(a) - mean(b). */
export interface MeanDifferenceInterval {
  method: 'paired-t' | 'welch-t';
  meanDifference: number;
  lower: number;
  upper: number;
  confidence: number;
  standardError: number;
  degreesOfFreedom: number;
  /** Pairs (paired) or the sizes of a and b (Welch). */
  n: number | [number, number];
}

/**
 * Confidence interval for the difference of two means, by Student's t.
 *
 * Paired: d_i = a_i - b_i, interval mean(d) ± t(1-α/2, n-1) · sd(d)/√n.
 * Unpaired (Welch): se = √(s_a²/n_a + s_b²/n_b) with the Welch-Satterthwaite
 * degrees of freedom ν = se⁴ / ((s_a²/n_a)²/(n_a-1) + (s_b²/n_b)²/(n_b-1)),
 * which does not assume the two groups share a variance.
 */
export function meanDifferenceInterval(options: MeanDifferenceOptions): MeanDifferenceInterval {
  const confidence = options.confidence ?? 0.95;
  if (!(confidence > 0 && confidence < 1)) {
    throw new ConfigError('confidence', confidence, 'must be in (0, 1)', 'use 0.95');
  }
  const { a, b } = options;
  const quantile = 1 - (1 - confidence) / 2;

  if (options.paired) {
    if (a.length !== b.length) {
      throw new EvalError(
        `meanDifferenceInterval: paired groups of ${a.length} and ${b.length} values; ` +
          'pairs need equal lengths',
      );
    }
    requireSpread('paired differences', a.length);
    const differences = a.map((value, i) => value - b[i]);
    const { mean, variance } = meanAndVariance(differences);
    const standardError = Math.sqrt(variance / differences.length);
    const degreesOfFreedom = differences.length - 1;
    const half = studentTQuantile(quantile, degreesOfFreedom) * standardError;
    return {
      method: 'paired-t',
      meanDifference: mean,
      lower: mean - half,
      upper: mean + half,
      confidence,
      standardError,
      degreesOfFreedom,
      n: differences.length,
    };
  }

  requireSpread('group a', a.length);
  requireSpread('group b', b.length);
  const first = meanAndVariance(a);
  const second = meanAndVariance(b);
  const shareA = first.variance / a.length;
  const shareB = second.variance / b.length;
  const standardError = Math.sqrt(shareA + shareB);
  const meanDifference = first.mean - second.mean;
  // With zero variance in both groups the difference is exact: a zero-width interval.
  const degreesOfFreedom =
    standardError === 0
      ? a.length + b.length - 2
      : (shareA + shareB) ** 2 / (shareA ** 2 / (a.length - 1) + shareB ** 2 / (b.length - 1));
  const half = studentTQuantile(quantile, degreesOfFreedom) * standardError;
  return {
    method: 'welch-t',
    meanDifference,
    lower: meanDifference - half,
    upper: meanDifference + half,
    confidence,
    standardError,
    degreesOfFreedom,
    n: [a.length, b.length],
  };
}

function requireSpread(what: string, n: number): void {
  if (n < 2) {
    throw new EvalError(
      `meanDifferenceInterval: ${what} has ${n} value(s); an interval needs at least 2`,
    );
  }
}

function meanAndVariance(values: readonly number[]): { mean: number; variance: number } {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      throw new EvalError(`meanDifferenceInterval: value[${i}] = ${values[i]}: must be finite`);
    }
  }
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const squares = values.reduce((sum, value) => sum + (value - mean) ** 2, 0);
  return { mean, variance: squares / (values.length - 1) };
}
