import test from 'ava';
import { predictMargin } from './ensemble';
import { encodeLeaves, leafOffsets, locateLeaf, totalLeaves } from './leaf-encoder';
import { syntheticClicks } from './synthetic-data';
import { trainGbdt } from './train';

test("every row gets one global leaf per tree, inside that tree's block", async (t) => {
  const data = syntheticClicks(4000, 1);
  const { ensemble } = await trainGbdt(data, { trees: 12, maxDepth: 4 });
  const ids = encodeLeaves(ensemble, data);
  const offsets = leafOffsets(ensemble);
  const treeCount = ensemble.trees.length;
  t.is(ids.length, data.rowCount * treeCount);
  t.is(offsets[treeCount], totalLeaves(ensemble));

  const margins = predictMargin(ensemble, data);
  for (let row = 0; row < data.rowCount; row++) {
    let margin = ensemble.baseMargin;
    for (let tree = 0; tree < treeCount; tree++) {
      const id = ids[row * treeCount + tree];
      t.true(id >= offsets[tree] && id < offsets[tree + 1]);
      const located = locateLeaf(offsets, id);
      t.is(located.tree, tree);
      margin += ensemble.trees[tree].leafValue[located.leaf];
    }
    // The leaf ids carry the whole prediction: summing their values gives the margin.
    if (Math.abs(margin - margins[row]) > 1e-12) t.fail(`row ${row}: ${margin} vs ${margins[row]}`);
  }
});

test('every leaf is reachable: the encoding of the training rows covers them', async (t) => {
  const data = syntheticClicks(4000, 2);
  const { ensemble } = await trainGbdt(data, { trees: 5, maxDepth: 3 });
  const seen = new Set(encodeLeaves(ensemble, data));
  t.is(seen.size, totalLeaves(ensemble));
});
