import type { DescribeLeaf, FeaturePath } from '../feature-path';
import type { Sample } from '../input/sample';
import { ModelInputError } from '../model-errors';
import type { LeafSpace } from '../model/leaf-space';
import type { BaselineLeafWeight } from './baseline-model';

/** The T leaf ids of every sample, row-major, checked against the leaf space. */
export function sampleLeafIds(samples: readonly Sample[], leafSpace: LeafSpace): Int32Array {
  if (!Array.isArray(samples) || samples.length === 0) {
    throw new ModelInputError('batch', 'must be a non-empty array of samples');
  }
  const treeCount = leafSpace.treeCount;
  const ids = new Int32Array(samples.length * treeCount);
  samples.forEach((sample, b) => {
    const leafIds = sample?.leafIds;
    if (!(leafIds instanceof Int32Array)) {
      throw new ModelInputError(`batch[${b}].leafIds`, 'needed: this model reads GBDT leaves');
    }
    if (leafIds.length !== treeCount) {
      const problem = `must have ${treeCount} leaf ids (one per tree), got ${leafIds.length}`;
      throw new ModelInputError(`batch[${b}].leafIds`, problem);
    }
    ids.set(leafIds, b * treeCount);
  });
  leafSpace.check(ids, samples.length);
  return ids;
}

/** Throws unless an encoded batch carries leaf ids of this leaf space. */
export function checkBatchLeafIds(leafIds: Int32Array | null, size: number, space: LeafSpace) {
  if (!leafIds) {
    throw new ModelInputError(
      'batch[].leafIds',
      'every sample needs leaf ids: the model reads them',
    );
  }
  space.check(leafIds, size);
}

/**
 * An explanation from weighted active leaves: leaves by |weight|, largest first, and the
 * top-K distinct feature paths (by text) with the weight replacing the GBDT's.
 */
export function leafExplanation(
  leaves: BaselineLeafWeight[],
  topK: number,
  describeLeaf: DescribeLeaf,
): { leaves: BaselineLeafWeight[]; paths: FeaturePath[] } {
  const sorted = [...leaves].sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
  const paths: FeaturePath[] = [];
  const seen = new Set<string>();
  for (const leaf of sorted) {
    if (paths.length >= topK) break;
    const path = describeLeaf(leaf.leafId);
    if (seen.has(path.text)) continue;
    seen.add(path.text);
    paths.push({ ...path, weight: leaf.weight });
  }
  return { leaves: sorted, paths };
}
