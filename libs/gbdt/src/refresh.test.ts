import test from 'ava';
import { capTrees } from './cap-trees';
import { continueTraining } from './continue-training';
import { predictMargin } from './ensemble';
import { encodeLeaves, totalLeaves } from './leaf-encoder';
import { objectiveMetric } from './objective';
import { rebuildEnsemble } from './rebuild-ensemble';
import { refitLeaves } from './refit-leaves';
import { StreamingBinner } from './streaming-binner';
import { syntheticClicks } from './synthetic-data';
import { trainGbdt } from './train';
import type { LabelledMatrix } from './training-data';

/** A later window whose clicks flipped: the same features, other labels. */
function driftedWindow(rowCount: number, seed: number): LabelledMatrix {
  const window = syntheticClicks(rowCount, seed);
  return { ...window, labels: window.labels.map((label) => 1 - label) };
}

test('refit keeps every leaf id and moves the values toward the new window', async (t) => {
  const { ensemble } = await trainGbdt(syntheticClicks(3000, 1), { trees: 10, maxDepth: 4 });
  const window = driftedWindow(3000, 2);
  const probe = syntheticClicks(1000, 3);
  const { ensemble: refitted, change } = refitLeaves(ensemble, window, { learningRate: 0.3 });
  t.deepEqual(encodeLeaves(refitted, probe), encodeLeaves(ensemble, probe));
  t.is(change.kind, 'unchanged');
  t.deepEqual(Array.from(change.oldToNew), [...Array(totalLeaves(ensemble)).keys()]);
  const before = objectiveMetric('logloss', window.labels, predictMargin(ensemble, window));
  const after = objectiveMetric('logloss', window.labels, predictMargin(refitted, window));
  t.true(after < before, `${after} < ${before}`);

  const { ensemble: half } = refitLeaves(ensemble, window, { learningRate: 0.3, decay: 0.5 });
  const leaf = 0;
  const expected =
    0.5 * ensemble.trees[0].leafValue[leaf] + 0.5 * refitted.trees[0].leafValue[leaf];
  t.true(Math.abs(half.trees[0].leafValue[leaf] - expected) < 1e-12);
});

test("continue keeps old ids and appends the new trees' leaves after them", async (t) => {
  const { ensemble } = await trainGbdt(syntheticClicks(3000, 1), { trees: 6, maxDepth: 3 });
  const binner = new StreamingBinner(ensemble.features);
  const window = driftedWindow(3000, 2);
  binner.observe(window);
  const result = await continueTraining(ensemble, window, { trees: 4, maxDepth: 3, binner });
  const probe = syntheticClicks(500, 3);
  const oldIds = encodeLeaves(ensemble, probe);
  const newIds = encodeLeaves(result.ensemble, probe);
  const oldCount = totalLeaves(ensemble);
  t.is(result.ensemble.trees.length, 10);
  t.is(result.change.kind, 'appended');
  for (let row = 0; row < probe.rowCount; row++) {
    t.deepEqual(newIds.subarray(row * 10, row * 10 + 6), oldIds.subarray(row * 6, row * 6 + 6));
    for (let tree = 6; tree < 10; tree++) t.true(newIds[row * 10 + tree] >= oldCount);
  }
  t.is(ensemble.trees.length, 6, 'the input ensemble is not modified');
});

test('the tree cap drops the oldest trees and reports the shift', async (t) => {
  const { ensemble } = await trainGbdt(syntheticClicks(3000, 1), { trees: 6, maxDepth: 3 });
  const result = await continueTraining(ensemble, syntheticClicks(3000, 2), {
    trees: 3,
    maxDepth: 3,
    maxTrees: 7,
  });
  const { change } = result;
  t.is(change.kind, 'dropped-oldest');
  t.is(change.droppedTrees, 2);
  t.is(
    change.droppedLeaves,
    ensemble.trees[0].leafValue.length + ensemble.trees[1].leafValue.length,
  );
  const probe = syntheticClicks(300, 3);
  const oldIds = encodeLeaves(ensemble, probe);
  const newIds = encodeLeaves(result.ensemble, probe);
  for (let row = 0; row < probe.rowCount; row++) {
    for (let tree = 2; tree < 6; tree++) {
      const oldId = oldIds[row * 6 + tree];
      t.is(newIds[row * 7 + tree - 2], change.oldToNew[oldId]);
    }
    t.is(change.oldToNew[oldIds[row * 6]], -1);
  }
  t.is(capTrees(result.ensemble, 10).change.kind, 'unchanged');
});

test('rebuild publishes a best-overlap map from old leaves to new ones', async (t) => {
  const data = syntheticClicks(3000, 1);
  const options = { trees: 5, maxDepth: 3 };
  const { ensemble } = await trainGbdt(data, options);
  const same = await rebuildEnsemble(ensemble, data, options);
  // Retraining on the same window gives the same trees: every leaf maps to itself.
  t.deepEqual(Array.from(same.change.oldToNew), [...Array(totalLeaves(ensemble)).keys()]);
  t.true(same.overlap.every((jaccard) => jaccard === 1));

  const moved = await rebuildEnsemble(ensemble, driftedWindow(3000, 2), { ...options, trees: 7 });
  t.is(moved.change.kind, 'remapped');
  t.is(moved.change.oldToNew.length, totalLeaves(ensemble));
  const newCount = totalLeaves(moved.ensemble);
  t.true(moved.change.oldToNew.every((id) => id >= -1 && id < newCount));
  t.true(moved.overlap.every((jaccard) => jaccard >= 0 && jaccard <= 1));
});
