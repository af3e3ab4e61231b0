import type { Ensemble } from './ensemble';
import { comparableColumns } from './ensemble';
import type { FeatureMatrix } from './training-data';

/**
 * Global leaf ids. Tree t's leaves are `offsets[t] .. offsets[t+1]-1`, leaf l of
 * tree t has global id `offsets[t] + l`, and `offsets[T]` is p, the width of the
 * sparse 0/1 leaf vector stage 2 of TMRM reads.
 */
export function leafOffsets(ensemble: Ensemble): Int32Array {
  const offsets = new Int32Array(ensemble.trees.length + 1);
  ensemble.trees.forEach((tree, t) => {
    offsets[t + 1] = offsets[t] + tree.leafValue.length;
  });
  return offsets;
}

const ROW_BLOCK = 512;

/** p, the number of leaves over the whole ensemble. */
export function totalLeaves(ensemble: Ensemble): number {
  return ensemble.trees.reduce((sum, tree) => sum + tree.leafValue.length, 0);
}

/**
 * The leaf every row reaches in every tree, as global ids, row-major:
 * `ids[row * T + t]`. Row `row`'s active leaves are exactly those T ids (one per
 * tree), the positions of the ones in its length-p leaf vector.
 *
 * Rows go in blocks of 512: within a block, trees are walked one at a time, so a
 * tree's arrays stay in cache and the block's ids (512 x T) too.
 */
export function encodeLeaves(ensemble: Ensemble, matrix: FeatureMatrix): Int32Array {
  const columns = comparableColumns(ensemble, matrix);
  const treeCount = ensemble.trees.length;
  const rowCount = matrix.rowCount;
  const ids = new Int32Array(rowCount * treeCount);
  const offsets = leafOffsets(ensemble);
  for (let first = 0; first < rowCount; first += ROW_BLOCK) {
    const last = Math.min(rowCount, first + ROW_BLOCK);
    for (let t = 0; t < treeCount; t++) {
      const tree = ensemble.trees[t];
      const { feature, threshold, defaultLeft, left, right, categorySplit, categorySets } = tree;
      const offset = offsets[t];
      for (let row = first, at = first * treeCount + t; row < last; row++, at += treeCount) {
        let node = tree.root;
        while (node >= 0) {
          const value = columns[feature[node]][row];
          let goLeft: boolean;
          if (value !== value) goLeft = defaultLeft[node] === 1;
          else if (categorySplit[node] < 0) goLeft = value < threshold[node];
          else {
            const set = categorySets[categorySplit[node]];
            const word = value >>> 5;
            goLeft = value >= 0 && word < set.length && ((set[word] >>> (value & 31)) & 1) === 1;
          }
          node = goLeft ? left[node] : right[node];
        }
        ids[at] = offset + ~node;
      }
    }
  }
  return ids;
}

/** Which tree a global leaf id belongs to, and its index inside that tree. */
export function locateLeaf(
  offsets: Int32Array,
  globalLeaf: number,
): { tree: number; leaf: number } {
  let low = 0;
  let high = offsets.length - 2;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if (offsets[middle] <= globalLeaf) low = middle;
    else high = middle - 1;
  }
  return { tree: low, leaf: globalLeaf - offsets[low] };
}
