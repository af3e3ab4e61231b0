/**
 * Cut points for at most `maxValueBins` bins from distinct ascending values with
 * weights (counts). A cut between neighbouring values a < b is the shortest
 * decimal in (a, b]: `x < cut` splits the data exactly as `x < b` does, an
 * integer feature's cuts are integers (`age < 35` reads as `age <= 34`), and a
 * continuous feature's cuts print short (`score < 0.48`, not 0.47977024386636913).
 *
 * With few distinct values every value starts a bin. Otherwise bins are filled
 * greedily to about equal weight, a bin closing once the running weight passes
 * the next multiple of total/maxValueBins, so a heavy value gets a bin of its own
 * and never shares one with its neighbours by accident.
 */
export function quantileCuts(
  values: ArrayLike<number>,
  weights: ArrayLike<number>,
  maxValueBins: number,
): Float64Array {
  const distinct = values.length;
  if (distinct <= 1) return new Float64Array(0);
  if (distinct <= maxValueBins) {
    return Float64Array.from({ length: distinct - 1 }, (_, i) =>
      shortestAbove(values[i], values[i + 1]),
    );
  }

  let total = 0;
  for (let i = 0; i < distinct; i++) total += weights[i];
  const step = total / maxValueBins;
  const cuts: number[] = [];
  let running = 0;
  let nextBoundary = step;
  for (let i = 0; i < distinct - 1 && cuts.length < maxValueBins - 1; i++) {
    running += weights[i];
    if (running >= nextBoundary) {
      cuts.push(shortestAbove(values[i], values[i + 1]));
      while (nextBoundary <= running) nextBoundary += step;
    }
  }
  return Float64Array.from(cuts);
}

/** Sorts a copy of the non-missing values and collapses them into distinct values with counts. */
export function distinctWithCounts(values: ArrayLike<number>): {
  values: Float64Array;
  counts: Float64Array;
} {
  const counted = countIntegers(values);
  if (counted) return counted;
  const present = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) present[n++] = values[i];
  const sorted = present.subarray(0, n).sort();
  let distinct = 0;
  for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
  const unique = new Float64Array(distinct);
  const counts = new Float64Array(distinct);
  let k = -1;
  for (let i = 0; i < n; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) unique[++k] = sorted[i];
    counts[k]++;
  }
  return { values: unique, counts };
}

/**
 * Distinct values and counts by counting, for integer values spanning at most
 * 2^20 (ids, ages, years, indicators): no sort needed. Null otherwise.
 */
function countIntegers(
  values: ArrayLike<number>,
): { values: Float64Array; counts: Float64Array } | null {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value !== value) continue;
    if (!Number.isInteger(value)) return null;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  if (min > max) return { values: new Float64Array(0), counts: new Float64Array(0) };
  if (max - min >= 1 << 20) return null;
  const tally = new Float64Array(max - min + 1);
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) tally[values[i] - min]++;
  let distinct = 0;
  for (let k = 0; k < tally.length; k++) if (tally[k] > 0) distinct++;
  const unique = new Float64Array(distinct);
  const counts = new Float64Array(distinct);
  for (let k = 0, at = 0; k < tally.length; k++) {
    if (tally[k] === 0) continue;
    unique[at] = min + k;
    counts[at++] = tally[k];
  }
  return { values: unique, counts };
}

/** Number of cuts `<= value`, i.e. the 0-based value bin of `value` (binary search). */
export function cutsAtOrBelow(cuts: Float64Array, value: number): number {
  let low = 0;
  let high = cuts.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (cuts[middle] <= value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The number with the fewest significant digits in (low, high]; `high` itself at worst. */
export function shortestAbove(low: number, high: number): number {
  if (low < 0 && high >= 0) return 0;
  const magnitude = Math.floor(Math.log10(Math.abs(high)));
  for (let digits = 1; digits <= 17; digits++) {
    // high rounded down to `digits` significant digits (a quotient a hair under an
    // integer from binary rounding counts as that integer), then to nearest.
    const scale = 10 ** (magnitude - digits + 1);
    const quotient = high / scale;
    const nearInteger = Math.abs(quotient - Math.round(quotient)) < 1e-9 * Math.abs(quotient);
    const down = Number(
      ((nearInteger ? Math.round(quotient) : Math.floor(quotient)) * scale).toPrecision(digits),
    );
    if (down > low && down <= high) return down;
    const nearest = Number(high.toPrecision(digits));
    if (nearest > low && nearest <= high) return nearest;
  }
  return high;
}
