import type { SeededRandom } from '../maths/random';
import type { LeafSpace } from './leaf-space';

/** The [B, p] 0/1 matrix of active leaves (T ones per row) from T leaf ids per sample. */
export function activeLeafMatrix(leafIds: Int32Array, batchSize: number, leafCount: number) {
  const matrix = new Float32Array(batchSize * leafCount);
  const treeCount = leafIds.length / batchSize;
  for (let i = 0; i < leafIds.length; i++) {
    matrix[Math.floor(i / treeCount) * leafCount + leafIds[i]] = 1;
  }
  return matrix;
}

/** The candidate leaves of one step of the sampled leaf loss and their targets. */
export interface SampledLeafTargets {
  /** Distinct candidate leaf ids C: the batch's active leaves, then new sampled negatives. */
  candidates: Int32Array;
  /** [B, |C|] 1 where the candidate is active for the sample. */
  labels: Float32Array;
  /** [B, |C|] 1 where the candidate counts for the sample (active, or drawn as negative). */
  mask: Float32Array;
  /** [|C|] log(m · Q(j)), the NCE correction. */
  logCorrection: Float32Array;
}

/**
 * Draws m negatives from the proposal Q (uniform over the p leaves, or proportional to
 * training activation counts + 1) with replacement, and builds the targets of
 * {@link sampledLeafLoss}. Duplicate draws are merged; a leaf both active somewhere in the
 * batch and drawn counts as a negative for the samples where it is not active.
 */
export function sampledLeafTargets(options: {
  leafIds: Int32Array;
  batchSize: number;
  leafSpace: LeafSpace;
  negatives: number;
  proposal: 'uniform' | 'frequency';
  leafCounts: Float64Array;
  random: SeededRandom;
}): SampledLeafTargets {
  const { leafIds, batchSize, negatives, random } = options;
  const leafCount = options.leafSpace.leafCount;
  const q = proposal(options.proposal, options.leafCounts, leafCount);
  const column = new Map<number, number>();
  const candidates: number[] = [];
  const addCandidate = (leaf: number) => {
    if (!column.has(leaf)) {
      column.set(leaf, candidates.length);
      candidates.push(leaf);
    }
  };
  leafIds.forEach(addCandidate);
  const drawn = new Set<number>();
  for (let i = 0; i < negatives; i++) {
    const leaf = q.draw(random.next());
    drawn.add(leaf);
    addCandidate(leaf);
  }

  const width = candidates.length;
  const labels = new Float32Array(batchSize * width);
  const mask = new Float32Array(batchSize * width);
  for (let b = 0; b < batchSize; b++) {
    for (const leaf of drawn) mask[b * width + (column.get(leaf) as number)] = 1;
  }
  const treeCount = leafIds.length / batchSize;
  leafIds.forEach((leaf, i) => {
    const at = Math.floor(i / treeCount) * width + (column.get(leaf) as number);
    labels[at] = 1;
    mask[at] = 1;
  });
  const logCorrection = Float32Array.from(candidates, (leaf) =>
    Math.log(negatives * q.probability(leaf)),
  );
  return { candidates: Int32Array.from(candidates), labels, mask, logCorrection };
}

function proposal(kind: 'uniform' | 'frequency', counts: Float64Array, leafCount: number) {
  if (kind === 'uniform') {
    return { draw: (u: number) => Math.floor(u * leafCount), probability: () => 1 / leafCount };
  }
  const cumulative = new Float64Array(leafCount);
  let total = 0;
  for (let j = 0; j < leafCount; j++) cumulative[j] = total += counts[j] + 1;
  return {
    draw(u: number) {
      const target = u * total;
      let low = 0;
      let high = leafCount - 1;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (cumulative[middle] > target) high = middle;
        else low = middle + 1;
      }
      return low;
    },
    probability: (leaf: number) => (counts[leaf] + 1) / total,
  };
}
