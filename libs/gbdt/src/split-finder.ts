import type { BinnedMatrix } from './binned-matrix';

/** Regularisation and limits every split must satisfy. */
export interface SplitRules {
  /** L2 penalty on leaf weights (XGBoost's lambda). */
  lambda: number;
  /** Minimum hessian sum on each side of a split. */
  minChildWeight: number;
  /** A split must reduce the loss by more than this (XGBoost's gamma). */
  minSplitGain: number;
  /** Added to the hessian when ordering categories by gradient/hessian (LightGBM's cat_smooth). */
  categorySmoothing: number;
  /** Extra L2 in the gain of categorical splits (LightGBM's cat_l2). */
  categoryLambda: number;
  /** At most this many category bins on the smaller side of a categorical split. */
  maxCategoriesPerSplit: number;
  /**
   * A category takes part in a split only with at least this hessian sum in the
   * node (LightGBM's min_data_per_group, in hessian units); rarer ones go right.
   */
  minCategoryWeight: number;
}

/**
 * The best split of a node. Numeric: bins `1..thresholdBin` go left. Categorical:
 * bins with `leftBins[bin] = 1` go left. Missing values (bin 0) go left when
 * `defaultLeft`. `gradLeft`/`hessLeft` are the left child's sums, missing included.
 */
export interface Split {
  feature: number;
  gain: number;
  thresholdBin: number;
  leftBins: Uint8Array | null;
  defaultLeft: boolean;
  gradLeft: number;
  hessLeft: number;
}

/**
 * Gain of a split, the second-order loss reduction with an L2 penalty:
 * a leaf with sums (G, H) has optimal weight -G/(H+lambda) and lowers the loss by
 * G^2/(2(H+lambda)), so splitting gains
 *   G_L^2/(H_L+lambda) + G_R^2/(H_R+lambda) - G^2/(H+lambda)
 * (XGBoost's convention: the factor 1/2 is dropped and the gain compared with gamma).
 */
function score(grad: number, hess: number, lambda: number): number {
  return (grad * grad) / (hess + lambda);
}

/** Searches the features in `candidates` for the best split of a node with sums (grad, hess). */
export function findBestSplit(
  matrix: BinnedMatrix,
  categorical: Uint8Array,
  histogram: Float64Array,
  grad: number,
  hess: number,
  candidates: Int32Array,
  rules: SplitRules,
): Split | null {
  let best: Split | null = null;
  for (let k = 0; k < candidates.length; k++) {
    const f = candidates[k];
    const found =
      categorical[f] === 1
        ? bestCategoricalSplit(matrix, f, histogram, grad, hess, rules)
        : bestNumericSplit(matrix, f, histogram, grad, hess, rules);
    if (found && (best === null || found.gain > best.gain)) best = found;
  }
  return best;
}

function bestNumericSplit(
  matrix: BinnedMatrix,
  f: number,
  histogram: Float64Array,
  grad: number,
  hess: number,
  rules: SplitRules,
): Split | null {
  const { lambda, minChildWeight } = rules;
  const base = matrix.binOffset[f] << 1;
  const binCount = matrix.binCount[f];
  const gradMissing = histogram[base];
  const hessMissing = histogram[base + 1];
  const parent = score(grad, hess, lambda);
  // Without missing values in the node, missing ones seen later follow the heavier child.
  const hasMissing = hessMissing > 0;

  let bestGain = rules.minSplitGain;
  let bestBin = -1;
  let bestLeft = false;
  let bestGrad = 0;
  let bestHess = 0;
  let gradLeft = 0;
  let hessLeft = 0;
  for (let bin = 1; bin < binCount - 1; bin++) {
    gradLeft += histogram[base + 2 * bin];
    hessLeft += histogram[base + 2 * bin + 1];
    // Missing values to the right.
    let hl = hessLeft;
    let hr = hess - hl;
    if (hl >= minChildWeight && hr >= minChildWeight) {
      const gain = score(gradLeft, hl, lambda) + score(grad - gradLeft, hr, lambda) - parent;
      if (gain > bestGain) {
        bestGain = gain;
        bestBin = bin;
        bestLeft = !hasMissing && hl > hr;
        bestGrad = gradLeft;
        bestHess = hl;
      }
    }
    if (!hasMissing) continue;
    // Missing values to the left.
    const gl = gradLeft + gradMissing;
    hl = hessLeft + hessMissing;
    hr = hess - hl;
    if (hl >= minChildWeight && hr >= minChildWeight) {
      const gain = score(gl, hl, lambda) + score(grad - gl, hr, lambda) - parent;
      if (gain > bestGain) {
        bestGain = gain;
        bestBin = bin;
        bestLeft = true;
        bestGrad = gl;
        bestHess = hl;
      }
    }
  }
  if (bestBin < 0) return null;
  return {
    feature: f,
    gain: bestGain,
    thresholdBin: bestBin,
    leftBins: null,
    defaultLeft: bestLeft,
    gradLeft: bestGrad,
    hessLeft: bestHess,
  };
}

/**
 * Category-set split as LightGBM finds it: order the categories present in the
 * node by gradient/(hessian + smoothing) and try every prefix of that order
 * (from both ends, at most `maxCategoriesPerSplit` long). For squared error the
 * ratio is the negated mean target of a category, so a prefix groups categories
 * with similar targets; Fisher (1958) shows the best partition is such a prefix.
 */
function bestCategoricalSplit(
  matrix: BinnedMatrix,
  f: number,
  histogram: Float64Array,
  grad: number,
  hess: number,
  rules: SplitRules,
): Split | null {
  const lambda = rules.lambda + rules.categoryLambda;
  const { minChildWeight } = rules;
  const base = matrix.binOffset[f] << 1;
  const binCount = matrix.binCount[f];
  const gradMissing = histogram[base];
  const hessMissing = histogram[base + 1];
  const hasMissing = hessMissing > 0;

  const present: number[] = [];
  const minWeight = Math.max(rules.minCategoryWeight, Number.MIN_VALUE);
  for (let bin = 1; bin < binCount; bin++) {
    if (histogram[base + 2 * bin + 1] >= minWeight) present.push(bin);
  }
  if (present.length < 2) return null;
  const ratio = (bin: number) =>
    histogram[base + 2 * bin] / (histogram[base + 2 * bin + 1] + rules.categorySmoothing);
  present.sort((a, b) => ratio(a) - ratio(b) || a - b);

  const parent = score(grad, hess, lambda);
  const maxPrefix = Math.min(present.length - 1, rules.maxCategoriesPerSplit);
  let best: { gain: number; from: number; length: number; missingLeft: boolean } | null = null;
  let bestGain = rules.minSplitGain;
  for (const direction of [1, -1]) {
    let gradLeft = 0;
    let hessLeft = 0;
    for (let length = 1; length <= maxPrefix; length++) {
      const bin = direction === 1 ? present[length - 1] : present[present.length - length];
      gradLeft += histogram[base + 2 * bin];
      hessLeft += histogram[base + 2 * bin + 1];
      // From the high end, only sets whose complement the low end did not try:
      // a set and its complement are the same split, and trying both would let
      // rounding pick the side.
      if (direction === -1 && present.length - length <= maxPrefix) continue;
      for (const missingLeft of hasMissing ? [false, true] : [false]) {
        const gl = missingLeft ? gradLeft + gradMissing : gradLeft;
        const hl = missingLeft ? hessLeft + hessMissing : hessLeft;
        const hr = hess - hl;
        if (hl < minChildWeight || hr < minChildWeight) continue;
        const gain = score(gl, hl, lambda) + score(grad - gl, hr, lambda) - parent;
        if (gain > bestGain) {
          bestGain = gain;
          best = { gain, from: direction, length, missingLeft };
        }
      }
    }
  }
  if (!best) return null;

  const leftBins = new Uint8Array(binCount);
  let gradLeft = 0;
  let hessLeft = 0;
  for (let k = 0; k < best.length; k++) {
    const bin = best.from === 1 ? present[k] : present[present.length - 1 - k];
    leftBins[bin] = 1;
    gradLeft += histogram[base + 2 * bin];
    hessLeft += histogram[base + 2 * bin + 1];
  }
  const defaultLeft = hasMissing ? best.missingLeft : hessLeft > hess - hessLeft;
  if (hasMissing && best.missingLeft) {
    gradLeft += gradMissing;
    hessLeft += hessMissing;
  }
  return {
    feature: f,
    gain: best.gain,
    thresholdBin: -1,
    leftBins,
    defaultLeft,
    gradLeft,
    hessLeft,
  };
}
