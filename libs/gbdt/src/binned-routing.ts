import type { BinnedMatrix } from './binned-matrix';
import type { GrownTree } from './tree-grower';

/**
 * Adds a freshly grown tree's leaf values to `margins` by routing binned rows.
 * Bin comparisons equal the raw ones by construction (`bin(v) <= b` exactly
 * when `v < cuts[b - 1]`), so this agrees with prediction on raw values.
 */
export function addGrownTree(grown: GrownTree, matrix: BinnedMatrix, margins: Float64Array): void {
  const { tree, thresholdBin, leftBins } = grown;
  const { feature, defaultLeft, left, right, leafValue } = tree;
  const { bins, rowCount } = matrix;
  for (let row = 0; row < rowCount; row++) {
    let node = tree.root;
    while (node >= 0) {
      const bin = bins[feature[node] * rowCount + row];
      const chosen = leftBins[node];
      const goLeft =
        bin === 0
          ? defaultLeft[node] === 1
          : chosen === null
            ? bin <= thresholdBin[node]
            : chosen[bin] === 1;
      node = goLeft ? left[node] : right[node];
    }
    margins[row] += leafValue[~node];
  }
}
