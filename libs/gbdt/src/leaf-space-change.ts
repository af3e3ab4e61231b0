/**
 * How a refresh changed the leaf space, so the stage-2 network (whose second
 * head predicts leaves) knows which of its outputs still mean the same thing.
 *
 * `oldToNew[id]` is the new global id of old leaf `id`, or -1 when the leaf is
 * gone. Leaves not hit by any old id (`newLeafCount` minus the mapped ones) are
 * new. `kind` says which promise the refresh made:
 * - 'unchanged': same trees, same ids (refit); oldToNew is the identity.
 * - 'appended': old ids unchanged, new ids after them (continue).
 * - 'dropped-oldest': the oldest trees were removed by the tree cap; the other
 *   ids moved down by `droppedLeaves` (and new trees may have been appended).
 * - 'remapped': a new ensemble (rebuild); oldToNew is the best-overlap match.
 */
export interface LeafSpaceChange {
  kind: 'unchanged' | 'appended' | 'dropped-oldest' | 'remapped';
  oldLeafCount: number;
  newLeafCount: number;
  droppedTrees: number;
  droppedLeaves: number;
  oldToNew: Int32Array;
}

export function identityChange(
  kind: 'unchanged' | 'appended',
  oldCount: number,
  newCount: number,
): LeafSpaceChange {
  return {
    kind,
    oldLeafCount: oldCount,
    newLeafCount: newCount,
    droppedTrees: 0,
    droppedLeaves: 0,
    oldToNew: Int32Array.from({ length: oldCount }, (_, id) => id),
  };
}
