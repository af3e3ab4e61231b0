import { ConfigError } from '@tmrm/common';
import { ModelInputError } from '../model-errors';

/**
 * The GBDT leaf space as head 2 sees it (see /work/contracts.md): T trees, global leaf ids
 * 0..p-1, tree t's leaves contiguous. `version` names the GBDT ensemble the ids belong to.
 */
export interface LeafSpaceSpec {
  treeLeafCounts: number[];
  version: string;
}

/** How leaf columns are laid out per tree, for the per-tree softmax. */
export interface TreeLayout {
  treeCount: number;
  maxLeaves: number;
  /** True when every tree has `maxLeaves` leaves, so [B, p] reshapes to [B, T, maxLeaves]. */
  uniform: boolean;
  /** [T·maxLeaves] global leaf id at each padded position, p for padding. */
  paddedIndex: Int32Array;
  /** [p] padded position of each leaf. */
  inverseIndex: Int32Array;
}

/** A validated {@link LeafSpaceSpec} with offsets and the tree layout. */
export class LeafSpace {
  readonly leafCount: number;
  readonly treeCount: number;
  /** First global leaf id of each tree, plus p at the end. */
  readonly offsets: Int32Array;
  readonly layout: TreeLayout;

  constructor(readonly spec: LeafSpaceSpec) {
    const counts = spec?.treeLeafCounts;
    if (!Array.isArray(counts) || counts.length === 0) {
      throw new ConfigError('leafSpace.treeLeafCounts', counts, 'must be a non-empty array');
    }
    counts.forEach((count, t) => {
      if (!Number.isInteger(count) || count < 1) {
        throw new ConfigError(`leafSpace.treeLeafCounts[${t}]`, count, 'must be an integer >= 1');
      }
    });
    if (typeof spec.version !== 'string') {
      throw new ConfigError('leafSpace.version', spec.version, 'must be a string');
    }
    this.treeCount = counts.length;
    this.offsets = new Int32Array(counts.length + 1);
    counts.forEach((count, t) => (this.offsets[t + 1] = this.offsets[t] + count));
    this.leafCount = this.offsets[counts.length];
    this.layout = treeLayout(counts, this.offsets, this.leafCount);
  }

  /** The tree a global leaf id belongs to (binary search over the offsets). */
  treeOf(leafId: number): number {
    let low = 0;
    let high = this.treeCount - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.offsets[middle] <= leafId) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  /** Throws unless `leafIds` holds T ids per sample, the t-th inside tree t. */
  check(leafIds: Int32Array, batchSize: number): void {
    if (leafIds.length !== batchSize * this.treeCount) {
      const problem = `must have ${this.treeCount} leaf ids per sample (one per tree)`;
      throw new ModelInputError('batch[0].leafIds', problem);
    }
    for (let i = 0; i < leafIds.length; i++) {
      const t = i % this.treeCount;
      const leaf = leafIds[i];
      if (!(leaf >= this.offsets[t] && leaf < this.offsets[t + 1])) {
        const path = `batch[${(i - t) / this.treeCount}].leafIds[${t}]`;
        const range = `[${this.offsets[t]}, ${this.offsets[t + 1]})`;
        const fix = `leaf ${leaf} is not a leaf of tree ${t}, whose ids are in ${range}`;
        throw new ModelInputError(path, `${fix} (leaf space ${this.spec.version})`);
      }
    }
  }
}

function treeLayout(counts: number[], offsets: Int32Array, leafCount: number): TreeLayout {
  const maxLeaves = Math.max(...counts);
  const paddedIndex = new Int32Array(counts.length * maxLeaves).fill(leafCount);
  const inverseIndex = new Int32Array(leafCount);
  counts.forEach((count, t) => {
    for (let j = 0; j < count; j++) {
      paddedIndex[t * maxLeaves + j] = offsets[t] + j;
      inverseIndex[offsets[t] + j] = t * maxLeaves + j;
    }
  });
  const uniform = counts.every((count) => count === maxLeaves);
  return { treeCount: counts.length, maxLeaves, uniform, paddedIndex, inverseIndex };
}
