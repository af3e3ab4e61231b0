/**
 * One regression tree in flat arrays.
 *
 * Internal nodes are numbered 0..nodeCount-1. A child reference `c >= 0` is an
 * internal node and `c < 0` is the leaf `~c`, so leaves are numbered
 * 0..leafCount-1 within the tree; a single-leaf tree has `root = ~0 = -1`.
 *
 * Numeric split: `x < threshold` goes left. Categorical split: codes whose bit
 * is set in `categorySets[categorySplit[n]]` go left, every other code right
 * (including codes added after training). Missing (`NaN`) follows `defaultLeft`.
 * Leaf values already include the learning rate.
 */
export interface Tree {
  root: number;
  feature: Int32Array;
  threshold: Float64Array;
  defaultLeft: Uint8Array;
  left: Int32Array;
  right: Int32Array;
  /** -1 for numeric splits, else the index of the split's bitset in `categorySets`. */
  categorySplit: Int32Array;
  categorySets: Uint32Array[];
  /** Loss reduction of each split (for importance). */
  gain: Float64Array;
  /** Hessian sum reaching each node / leaf (sample count for squared error). */
  cover: Float64Array;
  leafValue: Float64Array;
  leafCover: Float64Array;
  /** The leaf's index in the library it was imported from (XGBoost node id, LightGBM leaf). */
  nativeLeafId?: Int32Array;
}

export function leafCount(tree: Tree): number {
  return tree.leafValue.length;
}

/** Does code `code` belong to a category bitset? */
export function inCategorySet(set: Uint32Array, code: number): boolean {
  const word = code >>> 5;
  return code >= 0 && word < set.length && ((set[word] >>> (code & 31)) & 1) === 1;
}

/** The tree-local leaf that sample `row` of column-major `columns` reaches. */
export function leafOfRow(tree: Tree, columns: ArrayLike<number>[], row: number): number {
  let node = tree.root;
  while (node >= 0) {
    const value = columns[tree.feature[node]][row];
    let goLeft: boolean;
    if (value !== value) goLeft = tree.defaultLeft[node] === 1;
    else if (tree.categorySplit[node] < 0) goLeft = value < tree.threshold[node];
    else goLeft = inCategorySet(tree.categorySets[tree.categorySplit[node]], value);
    node = goLeft ? tree.left[node] : tree.right[node];
  }
  return ~node;
}

/** Builds a bitset holding the given codes. */
export function categorySet(codes: Iterable<number>): Uint32Array {
  const list = [...codes];
  const words = list.length === 0 ? 0 : (Math.max(...list) >>> 5) + 1;
  const set = new Uint32Array(words);
  for (const code of list) set[code >>> 5] |= 1 << (code & 31);
  return set;
}

/** The codes of a bitset, ascending. */
export function categoryCodes(set: Uint32Array): number[] {
  const codes: number[] = [];
  for (let word = 0; word < set.length; word++) {
    for (let bit = 0; bit < 32; bit++) if ((set[word] >>> bit) & 1) codes.push(word * 32 + bit);
  }
  return codes;
}
