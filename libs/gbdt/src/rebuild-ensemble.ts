import { encodeLeaves, leafOffsets, totalLeaves } from './leaf-encoder';
import type { Ensemble } from './ensemble';
import type { LeafSpaceChange } from './leaf-space-change';
import type { StreamingBinner } from './streaming-binner';
import { trainGbdt, type TrainResult } from './train';
import type { TrainOptions } from './train-options';
import type { FeatureMatrix, LabelledMatrix } from './training-data';

export interface RebuildOptions extends TrainOptions {
  /** Bins from a stream's sketch; without it bins are fitted on this window. */
  binner?: StreamingBinner;
  /** Rows used to match old leaves to new ones (default: the window, at most 20000 rows). */
  matchRows?: number;
}

/**
 * Rebuild: trains a fresh ensemble on a window and publishes which new leaf each
 * old leaf became. Leaves are matched by the samples they hold: old leaf a maps
 * to the new leaf b with the largest Jaccard overlap |A ∩ B| / |A ∪ B| of the
 * window's rows routed to them (ties go to a leaf of the tree at the same position,
 * then to the lower id), and to -1 when no row of
 * the window reaches a. `overlap[a]` is that Jaccard value, so downstream can
 * choose to keep only confident matches.
 */
export async function rebuildEnsemble(
  old: Ensemble,
  data: LabelledMatrix,
  options: RebuildOptions = {},
): Promise<TrainResult & { change: LeafSpaceChange; overlap: Float64Array }> {
  const window = { ...data, features: old.features };
  const binMapper = options.binMapper ?? options.binner?.binMapper(options.maxBins ?? 256);
  const result = await trainGbdt(window, { ...options, binMapper });
  const { oldToNew, overlap } = matchLeaves(
    old,
    result.ensemble,
    window,
    options.matchRows ?? 20_000,
  );
  return {
    ...result,
    overlap,
    change: {
      kind: 'remapped',
      oldLeafCount: totalLeaves(old),
      newLeafCount: totalLeaves(result.ensemble),
      droppedTrees: old.trees.length,
      droppedLeaves: totalLeaves(old),
      oldToNew,
    },
  };
}

function treeOfLeaf(ensemble: Ensemble): Int32Array {
  const offsets = leafOffsets(ensemble);
  const trees = new Int32Array(totalLeaves(ensemble));
  for (let t = 0; t < ensemble.trees.length; t++) trees.fill(t, offsets[t], offsets[t + 1]);
  return trees;
}

/** Best-Jaccard matching of the leaves of two ensembles over the first `maxRows` rows. */
export function matchLeaves(
  before: Ensemble,
  after: Ensemble,
  data: FeatureMatrix,
  maxRows: number,
): { oldToNew: Int32Array; overlap: Float64Array } {
  const rowCount = Math.min(data.rowCount, maxRows);
  const sample = { ...data, rowCount, columns: data.columns.map((c) => c.subarray(0, rowCount)) };
  const oldIds = encodeLeaves(before, sample);
  const newIds = encodeLeaves(after, sample);
  const oldTrees = before.trees.length;
  const newTrees = after.trees.length;
  const oldCount = totalLeaves(before);
  const newCount = totalLeaves(after);
  const oldSize = new Float64Array(oldCount);
  const newSize = new Float64Array(newCount);
  // Co-occurrence counts, one sparse map per old leaf (rows hit T x T' pairs).
  const together: Map<number, number>[] = Array.from({ length: oldCount }, () => new Map());
  for (let row = 0; row < rowCount; row++) {
    const olds = oldIds.subarray(row * oldTrees, (row + 1) * oldTrees);
    const news = newIds.subarray(row * newTrees, (row + 1) * newTrees);
    for (const b of news) newSize[b]++;
    for (const a of olds) {
      oldSize[a]++;
      const counts = together[a];
      for (const b of news) counts.set(b, (counts.get(b) ?? 0) + 1);
    }
  }
  const oldToNew = new Int32Array(oldCount).fill(-1);
  const overlap = new Float64Array(oldCount);
  const oldTree = treeOfLeaf(before);
  const newTree = treeOfLeaf(after);
  together.forEach((counts, a) => {
    for (const [b, both] of counts) {
      const jaccard = both / (oldSize[a] + newSize[b] - both);
      const current = oldToNew[a];
      const better =
        jaccard > overlap[a] ||
        (jaccard === overlap[a] &&
          (newTree[b] === oldTree[a]) > (current >= 0 && newTree[current] === oldTree[a])) ||
        (jaccard === overlap[a] &&
          (newTree[b] === oldTree[a]) === (current >= 0 && newTree[current] === oldTree[a]) &&
          b < current);
      if (better) {
        overlap[a] = jaccard;
        oldToNew[a] = b;
      }
    }
  });
  return { oldToNew, overlap };
}
