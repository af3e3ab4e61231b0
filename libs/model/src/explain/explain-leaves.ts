import type { DescribeLeaf, FeaturePath } from '../feature-path';
import type { LeafSpace } from '../model/leaf-space';
import type { LeafLoss } from '../model/model-config';

/** An active leaf with head 2's probability for it. */
export interface ScoredLeaf {
  leafId: number;
  /** ŷ2 for this leaf. */
  probability: number;
  /** log ŷ2 − log(the leaf's training activation rate): how much more likely than usual. */
  lift: number;
}

/**
 * How active leaves are ordered. `probability` is the paper's: by ŷ2. `lift` (the default)
 * orders by ŷ2 relative to the leaf's base rate. Why: every active leaf is a deterministic
 * function of the features, so a well-trained head 2 gives all of them ŷ2 near 1 and the order
 * by raw probability is decided by which leaves are easiest or most common, not by which ones
 * matter; in our planted-cross test raw probability never picks the planted cross, lift does.
 */
export type ExplanationRanking = 'lift' | 'probability';

/** The explanation of one sample. */
export interface Explanation {
  /**
   * TMRM's explanation: the sample's active leaves ranked by head 2, read back as feature
   * paths, duplicates merged (weight = the highest probability among merged leaves), top K.
   */
  paths: FeaturePath[];
  /**
   * The GBDT's own explanation beside it: the same active leaves ranked by the magnitude of the
   * weight `describeLeaf` gives them (the GBDT's leaf value), merged the same way, top K.
   */
  gbdtPaths: FeaturePath[];
  /** Every active leaf with its head-2 probability and lift, best first. */
  leaves: ScoredLeaf[];
}

/**
 * Explains one sample from its head-2 input row and its T active leaves. Only active leaves
 * are candidates: they are exactly the leaves whose paths the sample satisfies (one per
 * tree), so a path the sample contradicts is never shown.
 *
 * Probability of a leaf: σ(z_j) for the full and sampled losses (for the sampled loss a score
 * whose order is meaningful, not a calibrated probability); for the per-tree softmax, the
 * softmax of z_j among its tree's leaves.
 *
 * `gbdtPaths` and `leaves` are computed when first read. Why: a scoring request explains 10
 * items of 100 active leaves each and reads only `paths`; building the 1,000 leaf objects and
 * the GBDT ranking it never looks at was most of the explanation's time and allocation
 * (model benchmark: about 2 of 3.7 CPU-ms per request, 440 KB of the 940 KB allocated).
 */
export function explainLeaves(options: {
  head2Row: Float32Array;
  leafIds: Int32Array;
  leafHead: Float32Array;
  leafSpace: LeafSpace;
  leafLoss: LeafLoss;
  topK: number;
  describeLeaf: DescribeLeaf;
  ranking: ExplanationRanking;
  /** Training activations per leaf, for the base rates of `lift`. */
  leafCounts: Float64Array;
}): Explanation {
  const { leafIds, topK, describeLeaf } = options;
  const { probabilities, lifts } = scoreActiveLeaves(options);
  const keys = options.ranking === 'lift' ? lifts : probabilities;
  // Indices sorted by key, best first; the sort is stable, so ties keep tree order. Allocation
  // matters here (10 explanations a request): a loop, not Array.from, which walks a typed
  // array through an iterator; and a comparator returning small integers, because one
  // returning `keys[b] - keys[a]` boxed a heap number per comparison (~9 KB an explanation).
  const order: number[] = new Array(leafIds.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => descending(keys[a], keys[b]));
  const byHead2 = (i: number) => probabilities[i];
  let gbdtPaths: FeaturePath[] | null = null;
  let leaves: ScoredLeaf[] | null = null;
  return {
    paths: mergeRanked(order, leafIds, byHead2, describeLeaf, topK),
    get gbdtPaths() {
      if (gbdtPaths) return gbdtPaths;
      const weights = Float64Array.from(leafIds, (leafId) => describeLeaf(leafId).weight);
      const byGbdt = order
        .slice()
        .sort((a, b) => descending(Math.abs(weights[a]), Math.abs(weights[b])));
      gbdtPaths = mergeRanked(byGbdt, leafIds, (i) => weights[i], describeLeaf, topK);
      return gbdtPaths;
    },
    get leaves() {
      leaves ??= order.map((i) => ({
        leafId: leafIds[i],
        probability: probabilities[i],
        lift: lifts[i],
      }));
      return leaves;
    },
  };
}

/** A comparator's answer for sorting `a` before `b` when larger; NaN compares equal. */
function descending(a: number, b: number): number {
  return b > a ? 1 : b < a ? -1 : 0;
}

/** ŷ2 and lift of each active leaf, in the order of `leafIds`. */
function scoreActiveLeaves(options: {
  head2Row: Float32Array;
  leafIds: Int32Array;
  leafHead: Float32Array;
  leafSpace: LeafSpace;
  leafLoss: LeafLoss;
  leafCounts: Float64Array;
}) {
  const { head2Row, leafIds, leafHead, leafSpace, leafCounts } = options;
  const perTree = options.leafLoss.kind === 'per-tree-softmax';
  const probabilities = new Float64Array(leafIds.length);
  const lifts = new Float64Array(leafIds.length);
  for (let i = 0; i < leafIds.length; i++) {
    const leafId = leafIds[i];
    const z = leafLogit(head2Row, leafHead, leafId);
    const tree = leafSpace.treeOf(leafId);
    const first = leafSpace.offsets[tree];
    const end = leafSpace.offsets[tree + 1];
    let probability = 1 / (1 + Math.exp(-z));
    if (perTree) {
      let normaliser = 0;
      for (let j = first; j < end; j++)
        normaliser += Math.exp(leafLogit(head2Row, leafHead, j) - z);
      probability = 1 / normaliser;
    }
    // Base rate with add-one smoothing over the tree's leaves, so unseen leaves are finite.
    let seen = 0;
    for (let j = first; j < end; j++) seen += leafCounts[j];
    const baseRate = (leafCounts[leafId] + 1) / (seen + end - first);
    probabilities[i] = probability;
    lifts[i] = Math.log(probability) - Math.log(baseRate);
  }
  return { probabilities, lifts };
}

/**
 * z_j = <head2Row, row j of the leaf head>: head 2's logit for one leaf. Four partial sums
 * break the chain of dependent additions (about 3x faster for d = 210); the result differs
 * from a left-to-right sum only by rounding.
 */
function leafLogit(head2Row: Float32Array, leafHead: Float32Array, leaf: number): number {
  const width = head2Row.length;
  const start = leaf * width;
  const end4 = width - (width % 4);
  let z0 = 0;
  let z1 = 0;
  let z2 = 0;
  let z3 = 0;
  for (let j = 0; j < end4; j += 4) {
    z0 += head2Row[j] * leafHead[start + j];
    z1 += head2Row[j + 1] * leafHead[start + j + 1];
    z2 += head2Row[j + 2] * leafHead[start + j + 2];
    z3 += head2Row[j + 3] * leafHead[start + j + 3];
  }
  for (let j = end4; j < width; j++) z0 += head2Row[j] * leafHead[start + j];
  return z0 + z1 + (z2 + z3);
}

/**
 * Turns ranked leaves into at most `topK` distinct feature paths. Two leaves whose paths have
 * the same set of conditions (in any order, repeated conditions ignored) are one path; it keeps
 * the rank and weight of the better leaf.
 */
export function mergePaths(
  ranked: { leafId: number; weight: number }[],
  described: Map<number, FeaturePath>,
  topK: number,
): FeaturePath[] {
  const leafIds = Int32Array.from(ranked, ({ leafId }) => leafId);
  const order = Array.from(ranked, (_, i) => i);
  const describe = (leafId: number) => described.get(leafId) as FeaturePath;
  return mergeRanked(order, leafIds, (i) => ranked[i].weight, describe, topK);
}

/** {@link mergePaths} over `leafIds[order[0]], leafIds[order[1]], ...`, without the objects. */
function mergeRanked(
  order: readonly number[],
  leafIds: Int32Array,
  weightOf: (i: number) => number,
  describeLeaf: DescribeLeaf,
  topK: number,
): FeaturePath[] {
  const merged = new Map<string, FeaturePath>();
  for (const i of order) {
    if (merged.size >= topK) break;
    const path = describeLeaf(leafIds[i]);
    const { conditions, key } = mergeKeyOf(path);
    if (merged.has(key)) continue;
    merged.set(key, { conditions: conditions.slice(), text: path.text, weight: weightOf(i) });
  }
  return [...merged.values()];
}

/**
 * A path's de-duplicated conditions and its merge key, cached per path object. Describers
 * (libs/streaming's LeafEncoding, the benchmark) hand out the same object for a leaf every
 * time, and a GBDT condition on user or item ids can carry a set of hundreds of labels, so
 * rebuilding and hashing the key for each leaf of each explanation was a large part of its
 * cost (benchmark with GBDT leaves: scoring p50 8.3 -> 6.6 CPU-ms, loaded machine). Paths
 * are treated as immutable: a describer must return a new object for a new path.
 */
const mergeKeys = new WeakMap<
  FeaturePath,
  { conditions: FeaturePath['conditions']; key: string }
>();

function mergeKeyOf(path: FeaturePath) {
  let cached = mergeKeys.get(path);
  if (!cached) {
    const conditions = dedupeConditions(path.conditions);
    const key = conditions
      .map((c) => `${c.feature}\u0000${c.op}\u0000${c.value}`)
      .sort()
      .join('\u0001');
    cached = { conditions, key };
    mergeKeys.set(path, cached);
  }
  return cached;
}

function dedupeConditions(conditions: FeaturePath['conditions']) {
  const seen = new Set<string>();
  return conditions.filter((c) => {
    const key = `${c.feature}\u0000${c.op}\u0000${c.value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
