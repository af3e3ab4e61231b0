import type { BinnedMatrix } from './binned-matrix';

/**
 * Gradient histogram of the rows `rows[start..end)`: for every feature f and bin
 * b, `out[2 * (binOffset[f] + b)]` sums the gradients and `+ 1` the hessians of
 * the rows whose feature f falls in bin b. `gradHess` interleaves the pairs
 * (`g = gradHess[2 * row]`, `h = gradHess[2 * row + 1]`).
 *
 * Only entries off each feature's most frequent bin are accumulated (see
 * `BinnedMatrix`); `completeHistogram` then fills those bins from the node sums.
 * The loop is kept plain (typed arrays only, no closures, no polymorphic calls)
 * because it is where training spends most of its time.
 */
export function accumulateHistogram(
  matrix: BinnedMatrix,
  gradHess: Float64Array,
  rows: Uint32Array,
  start: number,
  end: number,
  out: Float64Array,
): void {
  out.fill(0);
  const rowStart = matrix.rowStart;
  const entries = matrix.entries;
  for (let i = start; i < end; i++) {
    const row = rows[i];
    const g = gradHess[2 * row];
    const h = gradHess[2 * row + 1];
    const last = rowStart[row + 1];
    let k = rowStart[row];
    // Two entries per step: independent adds overlap in the pipeline.
    for (; k + 1 < last; k += 2) {
      const a = entries[k] << 1;
      const b = entries[k + 1] << 1;
      out[a] += g;
      out[a + 1] += h;
      out[b] += g;
      out[b + 1] += h;
    }
    if (k < last) {
      const a = entries[k] << 1;
      out[a] += g;
      out[a + 1] += h;
    }
  }
}

/**
 * Fills each feature's most frequent bin with the node's sums minus its other
 * bins: every row of the node sits in exactly one bin per feature.
 */
export function completeHistogram(
  matrix: BinnedMatrix,
  out: Float64Array,
  grad: number,
  hess: number,
): void {
  for (let f = 0; f < matrix.featureCount; f++) {
    const first = matrix.binOffset[f];
    const last = first + matrix.binCount[f];
    const skipped = first + matrix.defaultBin[f];
    let g = grad;
    let h = hess;
    for (let bin = first; bin < last; bin++) {
      if (bin === skipped) continue;
      g -= out[2 * bin];
      h -= out[2 * bin + 1];
    }
    out[2 * skipped] = g;
    out[2 * skipped + 1] = Math.max(h, 0);
  }
}

/** The full histogram of a row range, with node sums computed from the rows. */
export function buildHistogram(
  matrix: BinnedMatrix,
  gradHess: Float64Array,
  rows: Uint32Array,
  start: number,
  end: number,
  out: Float64Array,
): void {
  let grad = 0;
  let hess = 0;
  for (let i = start; i < end; i++) {
    grad += gradHess[2 * rows[i]];
    hess += gradHess[2 * rows[i] + 1];
  }
  accumulateHistogram(matrix, gradHess, rows, start, end, out);
  completeHistogram(matrix, out, grad, hess);
}

/**
 * Histogram subtraction: a parent's histogram minus one child's is the other
 * child's, exactly the rows the first child did not take. Writes into `parent`.
 */
export function subtractHistogram(parent: Float64Array, child: Float64Array): void {
  for (let i = 0; i < parent.length; i++) parent[i] -= child[i];
}

/**
 * Rows are accumulated in blocks of this many positions, each into its own
 * histogram, and the blocks are added in order. The sums then come out bit for
 * bit the same whether one thread or several built the blocks.
 */
export const HISTOGRAM_BLOCK_ROWS = 8192;

/**
 * Builds histograms of row ranges whose gradient sums are known; the threaded
 * builder splits a range's blocks over workers.
 */
export interface HistogramBuilder {
  build(
    rows: Uint32Array,
    start: number,
    end: number,
    out: Float64Array,
    grad: number,
    hess: number,
  ): void;
  close(): Promise<void>;
}

export function singleThreadHistograms(
  matrix: BinnedMatrix,
  gradHess: Float64Array,
): HistogramBuilder {
  const block = new Float64Array(matrix.totalBins * 2);
  return {
    build(rows, start, end, out, grad, hess) {
      accumulateHistogram(
        matrix,
        gradHess,
        rows,
        start,
        Math.min(end, start + HISTOGRAM_BLOCK_ROWS),
        out,
      );
      for (let from = start + HISTOGRAM_BLOCK_ROWS; from < end; from += HISTOGRAM_BLOCK_ROWS) {
        accumulateHistogram(
          matrix,
          gradHess,
          rows,
          from,
          Math.min(end, from + HISTOGRAM_BLOCK_ROWS),
          block,
        );
        for (let i = 0; i < out.length; i++) out[i] += block[i];
      }
      completeHistogram(matrix, out, grad, hess);
    },
    close: async () => undefined,
  };
}
