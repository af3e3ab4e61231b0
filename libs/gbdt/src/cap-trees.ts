import { ConfigError } from '@tmrm/common';
import type { Ensemble } from './ensemble';
import { totalLeaves } from './leaf-encoder';
import { identityChange, type LeafSpaceChange } from './leaf-space-change';

/**
 * Keeps at most `maxTrees` trees by dropping the oldest. Their leaves leave the
 * leaf space and every other id moves down by the number of leaves dropped,
 * which the returned change reports (kind 'dropped-oldest'). The dropped trees'
 * contribution to predictions is lost; a `refit` or `continue` afterwards
 * re-learns it from data.
 */
export function capTrees(
  ensemble: Ensemble,
  maxTrees: number,
): { ensemble: Ensemble; change: LeafSpaceChange } {
  if (!Number.isInteger(maxTrees) || maxTrees < 1) {
    throw new ConfigError('maxTrees', maxTrees, 'must be an integer >= 1');
  }
  const oldCount = totalLeaves(ensemble);
  const droppedTrees = Math.max(0, ensemble.trees.length - maxTrees);
  if (droppedTrees === 0)
    return { ensemble, change: identityChange('unchanged', oldCount, oldCount) };

  const trees = ensemble.trees.slice(droppedTrees);
  const droppedLeaves = ensemble.trees
    .slice(0, droppedTrees)
    .reduce((sum, tree) => sum + tree.leafValue.length, 0);
  const oldToNew = Int32Array.from({ length: oldCount }, (_, id) =>
    id < droppedLeaves ? -1 : id - droppedLeaves,
  );
  return {
    ensemble: { ...ensemble, trees },
    change: {
      kind: 'dropped-oldest',
      oldLeafCount: oldCount,
      newLeafCount: oldCount - droppedLeaves,
      droppedTrees,
      droppedLeaves,
      oldToNew,
    },
  };
}
