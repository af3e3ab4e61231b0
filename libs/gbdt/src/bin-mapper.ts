import { ConfigError, seededRandom } from '@tmrm/common';
import type { FeatureSpec } from './feature-spec';
import { cutsAtOrBelow, distinctWithCounts, quantileCuts } from './quantile-cuts';
import type { FeatureMatrix } from './training-data';

/**
 * How one feature's values become bins. Bin 0 is reserved for missing values,
 * so a binned column fits a `Uint8Array` with up to 255 value bins.
 *
 * Numeric: bin(v) = 1 + (number of cuts <= v). Splitting "bins 1..b left" is
 * then exactly `v < cuts[b - 1]` on raw values, which is how trees store it.
 * Categorical: `codeBins[code]` is the code's bin; with more categories than
 * value bins, the most frequent ones get their own bin and the rest share the
 * last one. A code outside `codeBins` bins as missing.
 */
export interface FeatureBins {
  cuts: Float64Array;
  codeBins: Uint8Array;
  /** Bins including the missing bin 0. */
  binCount: number;
}

export interface BinMapper {
  features: FeatureSpec[];
  bins: FeatureBins[];
}

export interface BinMapperOptions {
  /** Bins per feature including the missing bin, 3..256 (default 256). */
  maxBins?: number;
  /** Cuts come from at most this many rows, sampled with `seed` (default 262144). */
  sampleRows?: number;
  seed?: number;
}

/** Learns bin boundaries from a matrix and records `integer`/`hasMissing` on its feature specs. */
export function fitBinMapper(matrix: FeatureMatrix, options: BinMapperOptions = {}): BinMapper {
  const maxBins = options.maxBins ?? 256;
  if (!Number.isInteger(maxBins) || maxBins < 3 || maxBins > 256) {
    throw new ConfigError('maxBins', maxBins, 'must be an integer in 3..256', 'bins are bytes');
  }
  const rows = sampleRowIndices(matrix.rowCount, options.sampleRows ?? 262_144, options.seed ?? 0);
  const bins = matrix.features.map((feature, f) => {
    const column = matrix.columns[f];
    let sample: Float64Array;
    if (rows === null) sample = column;
    else {
      sample = new Float64Array(rows.length);
      for (let i = 0; i < rows.length; i++) sample[i] = column[rows[i]];
    }
    feature.hasMissing = hasNaN(sample);
    if (feature.kind === 'categorical') return categoricalBins(feature, sample, maxBins - 1);
    const { values, counts } = distinctWithCounts(sample);
    feature.integer = allIntegers(values);
    return numericBins(quantileCuts(values, counts, maxBins - 1));
  });
  return { features: matrix.features, bins };
}

export function numericBins(cuts: Float64Array): FeatureBins {
  return { cuts, codeBins: new Uint8Array(0), binCount: cuts.length + 2 };
}

/** Bins of a categorical feature from a sample of its codes (NaN missing). */
export function categoricalBins(
  feature: FeatureSpec,
  codes: ArrayLike<number>,
  maxValueBins: number,
): FeatureBins {
  const categoryCount = feature.categories?.length ?? 0;
  const frequency = new Float64Array(categoryCount);
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i];
    if (code >= 0 && code < categoryCount) frequency[code]++;
  }
  return categoricalBinsFromFrequency(frequency, maxValueBins);
}

/** Codes in code order when they fit; otherwise the most frequent share the rest's last bin. */
export function categoricalBinsFromFrequency(
  frequency: ArrayLike<number>,
  maxValueBins: number,
): FeatureBins {
  const categoryCount = frequency.length;
  const codeBins = new Uint8Array(categoryCount);
  if (categoryCount <= maxValueBins) {
    for (let code = 0; code < categoryCount; code++) codeBins[code] = code + 1;
    return { cuts: new Float64Array(0), codeBins, binCount: categoryCount + 1 };
  }
  const byFrequency = Array.from({ length: categoryCount }, (_, code) => code).sort(
    (a, b) => frequency[b] - frequency[a] || a - b,
  );
  byFrequency.forEach((code, rank) => {
    codeBins[code] = Math.min(rank + 1, maxValueBins);
  });
  return { cuts: new Float64Array(0), codeBins, binCount: maxValueBins + 1 };
}

/** The bin of one raw value. */
export function binOf(bins: FeatureBins, categorical: boolean, value: number): number {
  if (value !== value) return 0;
  if (categorical) return value >= 0 && value < bins.codeBins.length ? bins.codeBins[value] : 0;
  return 1 + cutsAtOrBelow(bins.cuts, value);
}

function allIntegers(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isInteger(values[i])) return false;
  return true;
}

function hasNaN(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) if (values[i] !== values[i]) return true;
  return false;
}

/** Rows to take cuts from, null for all of them. */
function sampleRowIndices(rowCount: number, limit: number, seed: number): Uint32Array | null {
  if (rowCount <= limit) return null;
  const random = seededRandom(seed ^ 0x5bd1e995);
  const rows = new Uint32Array(limit);
  for (let i = 0; i < limit; i++) rows[i] = Math.floor(random() * rowCount);
  return rows.sort();
}
