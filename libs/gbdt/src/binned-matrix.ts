import { binOf, type BinMapper } from './bin-mapper';
import { cutsAtOrBelow } from './quantile-cuts';
import type { FeatureMatrix } from './training-data';

/**
 * Binned features in two layouts.
 *
 * `bins` holds the binned columns, column-major: `bins[f * rowCount + row]`.
 * Partitioning a node and routing rows read one feature of many rows, which is
 * a sweep through one column.
 *
 * Histograms read all features of a node's rows. For them each row keeps only
 * its entries that differ from the feature's most frequent bin (`defaultBin`),
 * as global histogram bins `binOffset[f] + bin` in `entries[rowStart[row] ..
 * rowStart[row + 1])`. The most frequent bin's sums are recovered as node total
 * minus the other bins (LightGBM's most-frequent-bin trick), so a mostly-zero
 * indicator column such as one genre costs almost nothing.
 */
export interface BinnedMatrix {
  rowCount: number;
  featureCount: number;
  bins: Uint8Array;
  rowStart: Uint32Array;
  entries: Uint16Array;
  defaultBin: Int32Array;
  binCount: Int32Array;
  binOffset: Int32Array;
  totalBins: number;
}

/** Bins a matrix with a fitted mapper; `shared` puts the arrays in SharedArrayBuffers. */
export function binMatrix(
  mapper: BinMapper,
  matrix: FeatureMatrix,
  options: { shared?: boolean } = {},
): BinnedMatrix {
  const featureCount = mapper.features.length;
  const { rowCount } = matrix;
  const allocate = (bytes: number) =>
    options.shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
  const bins = new Uint8Array(allocate(rowCount * featureCount));
  const layout = histogramLayout(mapper);
  const defaultBin = new Int32Array(featureCount);
  let entryCount = 0;
  for (let f = 0; f < featureCount; f++) {
    const column = matrix.columns[f];
    const featureBins = mapper.bins[f];
    const categorical = mapper.features[f].kind === 'categorical';
    const frequency = new Float64Array(featureBins.binCount);
    const binned = bins.subarray(f * rowCount, (f + 1) * rowCount);
    const table = categorical ? null : integerBinTable(featureBins.cuts, column);
    if (table) {
      for (let row = 0; row < rowCount; row++) {
        const value = column[row];
        const bin = value === value ? table.bins[value - table.min] : 0;
        binned[row] = bin;
        frequency[bin]++;
      }
    } else {
      for (let row = 0; row < rowCount; row++) {
        const bin = binOf(featureBins, categorical, column[row]);
        binned[row] = bin;
        frequency[bin]++;
      }
    }
    let most = 0;
    for (let bin = 1; bin < frequency.length; bin++)
      if (frequency[bin] > frequency[most]) most = bin;
    defaultBin[f] = most;
    entryCount += rowCount - frequency[most];
  }

  const rowStart = new Uint32Array(allocate((rowCount + 1) * 4));
  const entries = new Uint16Array(allocate(Math.max(1, entryCount) * 2));
  let at = 0;
  for (let row = 0; row < rowCount; row++) {
    rowStart[row] = at;
    for (let f = 0; f < featureCount; f++) {
      const bin = bins[f * rowCount + row];
      if (bin !== defaultBin[f]) entries[at++] = layout.binOffset[f] + bin;
    }
  }
  rowStart[rowCount] = at;
  return { rowCount, featureCount, bins, rowStart, entries, defaultBin, ...layout };
}

/**
 * For a column of integers spanning at most 2^20 values, a table from value to
 * bin replaces a binary search per value (ids, ages, years, 0/1 indicators).
 */
function integerBinTable(
  cuts: Float64Array,
  column: Float64Array,
): { min: number; bins: Uint8Array } | null {
  let min = Infinity;
  let max = -Infinity;
  for (let row = 0; row < column.length; row++) {
    const value = column[row];
    if (value !== value) continue;
    if (!Number.isInteger(value)) return null;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  if (min > max || max - min >= 1 << 20) return null;
  const bins = new Uint8Array(max - min + 1);
  let bin = 1 + cutsAtOrBelow(cuts, min);
  for (let value = min; value <= max; value++) {
    while (bin - 1 < cuts.length && cuts[bin - 1] <= value) bin++;
    bins[value - min] = bin;
  }
  return { min, bins };
}

export function histogramLayout(mapper: BinMapper): {
  binCount: Int32Array;
  binOffset: Int32Array;
  totalBins: number;
} {
  const binCount = Int32Array.from(mapper.bins, (bins) => bins.binCount);
  const binOffset = new Int32Array(binCount.length);
  let totalBins = 0;
  binCount.forEach((count, f) => {
    binOffset[f] = totalBins;
    totalBins += count;
  });
  return { binCount, binOffset, totalBins };
}
