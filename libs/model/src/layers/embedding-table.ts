import type { Parameter } from '../model/parameter-store';

/**
 * The embedding (pre-processing) layer of the paper, on host memory: the lookup of v_i (and
 * w_i) for each active feature is a row copy, and its gradient a row sum, both done here in
 * O(rows · k) so the backend never needs gather's gradient (UnsortedSegmentSum, which the wasm
 * backend lacks) nor a dense [rows, table] one-hot.
 */

/** The distinct rows of a batch, and for each entry of `rows` its position among them. */
export function uniqueRows(rows: Int32Array): { unique: Int32Array; inverse: Int32Array } {
  const position = new Map<number, number>();
  const inverse = new Int32Array(rows.length);
  const unique: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    let at = position.get(rows[i]);
    if (at === undefined) {
      at = unique.length;
      unique.push(rows[i]);
      position.set(rows[i], at);
    }
    inverse[i] = at;
  }
  return { unique: Int32Array.from(unique), inverse };
}

/** Copies row `rows[i]` of a [n, width] table to position i of a [rows.length, width] array. */
export function gatherRows(table: Parameter, rows: Int32Array): Float32Array {
  const width = table.shape[1];
  const values = table.values;
  const out = new Float32Array(rows.length * width);
  // An element loop rather than out.set(values.subarray(...)): rows are short (k = 8, or 1 for
  // w_i), and a subarray view per row was most of the cost of a scoring request's lookups.
  for (let i = 0; i < rows.length; i++) {
    const from = rows[i] * width;
    const to = i * width;
    for (let j = 0; j < width; j++) out[to + j] = values[from + j];
  }
  return out;
}

/**
 * The gradient of a gather: sums the gradient of every looked-up entry into the row it came
 * from, giving one gradient row per unique row ([uniqueCount, width]).
 */
export function sumIntoRows(
  gradient: Float32Array,
  inverse: Int32Array,
  width: number,
  uniqueCount: number,
): Float32Array {
  const out = new Float32Array(uniqueCount * width);
  for (let i = 0; i < inverse.length; i++) {
    const to = inverse[i] * width;
    const from = i * width;
    for (let j = 0; j < width; j++) out[to + j] += gradient[from + j];
  }
  return out;
}
