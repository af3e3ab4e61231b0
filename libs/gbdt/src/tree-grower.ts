import type { BinMapper } from './bin-mapper';
import type { BinnedMatrix } from './binned-matrix';
import { subtractHistogram, type HistogramBuilder } from './histogram';
import { findBestSplit, type Split, type SplitRules } from './split-finder';
import { categorySet, type Tree } from './tree';

export interface GrowOptions {
  rules: SplitRules;
  /** Depth limit, 0 for none. */
  maxDepth: number;
  /** Leaf limit, 0 for none. With a limit, the best-gain leaf is split first (leaf-wise). */
  maxLeaves: number;
  learningRate: number;
}

export interface GrowContext {
  mapper: BinMapper;
  matrix: BinnedMatrix;
  categorical: Uint8Array;
  gradHess: Float64Array;
  /** `rows[0..rowCount)` are the rows this tree learns from; reordered in place. */
  rows: Uint32Array;
  rowCount: number;
  /** Features this tree may split on (column sampling). */
  candidates: Int32Array;
  histograms: HistogramBuilder;
  /** Work space for partitioning, at least `rowCount` long. */
  scratch: Uint32Array;
}

/**
 * A tree as grown, with what training needs besides the tree: the binned form of
 * each split (to route binned rows) and, per leaf, the range of `rows` it holds.
 */
export interface GrownTree {
  tree: Tree;
  thresholdBin: Int32Array;
  leftBins: (Uint8Array | null)[];
  leafRowStart: Int32Array;
  leafRowEnd: Int32Array;
}

interface Node {
  start: number;
  end: number;
  grad: number;
  hess: number;
  depth: number;
  histogram: Float64Array | null;
  split: Split | null;
  left: Node | null;
  right: Node | null;
}

/**
 * Grows one tree on histograms. Each split partitions the node's row range in
 * place, builds the histogram of the smaller child and gets the larger child's
 * by subtracting it from the parent's, so every level costs at most half its
 * rows. Children at the depth limit need no histogram at all.
 */
export function growTree(context: GrowContext, options: GrowOptions): GrownTree {
  const { rows, gradHess, histograms, matrix } = context;
  const pool: Float64Array[] = [];
  const takeHistogram = () => pool.pop() ?? new Float64Array(matrix.totalBins * 2);
  const scratch = context.scratch;

  let grad = 0;
  let hess = 0;
  for (let i = 0; i < context.rowCount; i++) {
    grad += gradHess[2 * rows[i]];
    hess += gradHess[2 * rows[i] + 1];
  }
  const root = newNode(0, context.rowCount, grad, hess, 0);
  const canSplit = (node: Node) =>
    (options.maxDepth === 0 || node.depth < options.maxDepth) &&
    node.end - node.start >= 2 &&
    node.hess >= 2 * options.rules.minChildWeight;
  const evaluate = (node: Node) => {
    node.split = findBestSplit(
      matrix,
      context.categorical,
      node.histogram as Float64Array,
      node.grad,
      node.hess,
      context.candidates,
      options.rules,
    );
    if (!node.split) release(node);
  };
  const release = (node: Node) => {
    if (node.histogram) pool.push(node.histogram);
    node.histogram = null;
  };

  const open: Node[] = [];
  if (canSplit(root)) {
    root.histogram = takeHistogram();
    histograms.build(rows, 0, context.rowCount, root.histogram, root.grad, root.hess);
    evaluate(root);
    if (root.split) open.push(root);
  }
  let leaves = 1;
  while (open.length > 0 && (options.maxLeaves === 0 || leaves < options.maxLeaves)) {
    const node = options.maxLeaves === 0 ? (open.shift() as Node) : takeBest(open);
    const split = node.split as Split;
    const middle = partition(context, node, split, scratch);
    node.left = newNode(node.start, middle, split.gradLeft, split.hessLeft, node.depth + 1);
    node.right = newNode(
      middle,
      node.end,
      node.grad - split.gradLeft,
      node.hess - split.hessLeft,
      node.depth + 1,
    );
    leaves++;

    const [small, large] =
      middle - node.start <= node.end - middle ? [node.left, node.right] : [node.right, node.left];
    const smallSplits = canSplit(small);
    const largeSplits = canSplit(large);
    if (smallSplits || largeSplits) {
      small.histogram = takeHistogram();
      histograms.build(rows, small.start, small.end, small.histogram, small.grad, small.hess);
      if (largeSplits) {
        subtractHistogram(node.histogram as Float64Array, small.histogram);
        large.histogram = node.histogram;
        node.histogram = null;
      }
    }
    release(node);
    for (const child of [node.left, node.right]) {
      if (!canSplit(child)) {
        release(child);
        continue;
      }
      evaluate(child);
      if (child.split) open.push(child);
    }
  }
  for (const node of open) {
    node.split = null;
    release(node);
  }
  return finishTree(root, context, options);
}

function newNode(start: number, end: number, grad: number, hess: number, depth: number): Node {
  return { start, end, grad, hess, depth, histogram: null, split: null, left: null, right: null };
}

function takeBest(open: Node[]): Node {
  let at = 0;
  for (let i = 1; i < open.length; i++) {
    if ((open[i].split as Split).gain > (open[at].split as Split).gain) at = i;
  }
  return open.splice(at, 1)[0];
}

/**
 * Stable in-place partition of the node's rows; returns where the right child
 * starts. Branch-free: a 256-entry table says which bins go left, every row is
 * written to both places and only the matching cursor advances, so the CPU
 * never has to guess the side of a row.
 */
function partition(context: GrowContext, node: Node, split: Split, scratch: Uint32Array): number {
  const { rows } = context;
  const { bins, rowCount } = context.matrix;
  const column = bins.subarray(split.feature * rowCount, (split.feature + 1) * rowCount);
  const goesLeft = new Uint8Array(256);
  for (let bin = 1; bin < 256; bin++) {
    goesLeft[bin] =
      split.leftBins === null ? (bin <= split.thresholdBin ? 1 : 0) : (split.leftBins[bin] ?? 0);
  }
  goesLeft[0] = split.defaultLeft ? 1 : 0;
  let write = node.start;
  let spilled = 0;
  for (let i = node.start; i < node.end; i++) {
    const row = rows[i];
    const left = goesLeft[column[row]];
    rows[write] = row;
    scratch[spilled] = row;
    write += left;
    spilled += left ^ 1;
  }
  rows.set(scratch.subarray(0, spilled), write);
  return write;
}

/** Numbers internal nodes in preorder and leaves left to right, and fills the flat arrays. */
function finishTree(root: Node, context: GrowContext, options: GrowOptions): GrownTree {
  const internal: Node[] = [];
  const leaves: Node[] = [];
  const visit = (node: Node): number => {
    if (!node.left || !node.right) {
      leaves.push(node);
      return ~(leaves.length - 1);
    }
    const id = internal.length;
    internal.push(node);
    childIds.push([0, 0]);
    const left = visit(node.left);
    const right = visit(node.right);
    childIds[id] = [left, right];
    return id;
  };
  const childIds: [number, number][] = [];
  const rootId = visit(root);

  const n = internal.length;
  const tree: Tree = {
    root: rootId,
    feature: new Int32Array(n),
    threshold: new Float64Array(n),
    defaultLeft: new Uint8Array(n),
    left: new Int32Array(n),
    right: new Int32Array(n),
    categorySplit: new Int32Array(n).fill(-1),
    categorySets: [],
    gain: new Float64Array(n),
    cover: new Float64Array(n),
    leafValue: new Float64Array(leaves.length),
    leafCover: new Float64Array(leaves.length),
  };
  const thresholdBin = new Int32Array(n);
  const leftBins: (Uint8Array | null)[] = [];
  internal.forEach((node, id) => {
    const split = node.split as Split;
    const f = split.feature;
    tree.feature[id] = f;
    tree.defaultLeft[id] = split.defaultLeft ? 1 : 0;
    [tree.left[id], tree.right[id]] = childIds[id];
    tree.gain[id] = split.gain;
    tree.cover[id] = node.hess;
    thresholdBin[id] = split.thresholdBin;
    leftBins.push(split.leftBins);
    const featureBins = context.mapper.bins[f];
    if (split.leftBins) {
      const codes: number[] = [];
      const chosen = split.leftBins;
      featureBins.codeBins.forEach((bin, code) => {
        if (chosen[bin] === 1) codes.push(code);
      });
      tree.categorySplit[id] = tree.categorySets.length;
      tree.categorySets.push(categorySet(codes));
    } else {
      tree.threshold[id] = featureBins.cuts[split.thresholdBin - 1];
    }
  });
  const { lambda } = options.rules;
  const leafRowStart = new Int32Array(leaves.length);
  const leafRowEnd = new Int32Array(leaves.length);
  leaves.forEach((node, leaf) => {
    const denominator = node.hess + lambda;
    tree.leafValue[leaf] = denominator > 0 ? (-node.grad / denominator) * options.learningRate : 0;
    tree.leafCover[leaf] = node.hess;
    leafRowStart[leaf] = node.start;
    leafRowEnd[leaf] = node.end;
  });
  return { tree, thresholdBin, leftBins, leafRowStart, leafRowEnd };
}
