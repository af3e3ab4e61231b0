import test from 'ava';
import { ConfigError } from '@tmrm/common';
import { ModelInputError } from '../model-errors';
import { useBackend } from '../backend/select-backend';
import { forEachBackend, testBackends } from '../testing/backend-tests';
import { smallModel } from '../testing/model-factory';
import { plantedCrossSamples, plantedCrossTreeLeafCounts } from '../testing/planted-cross-data';
import type { LeafLoss } from './model-config';

const backends = await testBackends();
const samples = plantedCrossSamples(64, 3);
const lossVariants: LeafLoss[] = [
  { kind: 'full' },
  { kind: 'sampled', negatives: 8, proposal: 'uniform' },
  { kind: 'sampled', negatives: 8, proposal: 'frequency' },
  { kind: 'per-tree-softmax' },
];

forEachBackend(test, backends, 'every loss variant and weighting trains to finite losses', (t) => {
  const weightings = [
    { kind: 'homoscedastic' as const },
    { kind: 'optimal-weights' as const, penaltyLambda: 0.1 },
    { kind: 'fixed' as const, weights: [1, 0.5] as [number, number] },
  ];
  for (const leafLoss of lossVariants) {
    for (const taskWeighting of weightings) {
      const model = smallModel({ leafLoss, taskWeighting });
      const first = model.trainBatch(samples);
      const second = model.trainBatch(samples);
      const label = `${leafLoss.kind} ${taskWeighting.kind}`;
      t.true(Number.isFinite(first.loss) && Number.isFinite(second.loss), label);
      t.true((first.leafLoss as number) > 0, label);
      t.is(first.taskWeights?.length, 2, label);
    }
  }
});

forEachBackend(test, backends, 'shapes: predict, score and explain', (t) => {
  const model = smallModel();
  model.trainBatch(samples);
  const probabilities = model.predict(samples.slice(0, 5));
  t.is(probabilities.length, 5);
  t.true(probabilities.every((p) => p > 0 && p < 1));
  const scored = model.score(samples.slice(0, 10), { explainTop: 3, topK: 2 });
  t.is(scored.ranking.length, 10);
  t.is(scored.explanations.length, 3);
  t.true(scored.scores[scored.ranking[0]] >= scored.scores[scored.ranking[9]]);
  const explanation = scored.explanations[0];
  t.is(explanation.leaves.length, plantedCrossTreeLeafCounts.length);
  t.true(explanation.paths.length <= 2 && explanation.paths.length >= 1);
  t.true(explanation.gbdtPaths.length >= 1);
  const active = new Set(samples[scored.ranking[0]].leafIds);
  t.true(explanation.leaves.every((leaf) => active.has(leaf.leafId)));
});

forEachBackend(test, backends, 'DeepFM is TMRM without head 2', (t) => {
  const model = smallModel({ leafSpace: null });
  const losses = model.trainBatch(samples.map(({ fields, label }) => ({ fields, label })));
  t.is(losses.leafLoss, null);
  t.is(losses.taskWeights, null);
  t.is(model.predict(samples).length, samples.length);
  t.throws(() => model.explain(samples[0], 3), { message: /no head 2/ });
});

test.serial('bad options and bad samples fail with clear errors', async (t) => {
  await useBackend(backends[0]);
  t.throws(() => smallModel({ embeddingSize: 0 }), {
    instanceOf: ConfigError,
    message: /embeddingSize/,
  });
  t.throws(() => smallModel({ fields: [{ name: 'user_id', kind: 'categorical' }] }), {
    message: /item_id/,
  });
  const model = smallModel();
  const broken = { ...samples[0], fields: { ...samples[0].fields, genre: [{}] as never } };
  t.throws(() => model.trainBatch([broken]), { instanceOf: ModelInputError, message: /genre/ });
  t.throws(() => model.trainBatch([{ fields: samples[0].fields, leafIds: samples[0].leafIds }]), {
    message: /label/,
  });
  const wrongLeaf = { ...samples[0], leafIds: Int32Array.from(samples[0].leafIds as Int32Array) };
  (wrongLeaf.leafIds as Int32Array)[1] = 0;
  t.throws(() => model.trainBatch([wrongLeaf]), { message: /leafIds\[1\].*tree 1/ });
  t.throws(() => model.trainBatch([]), { message: /non-empty/ });
});

test.serial('head 2 grows keeping learned rows, and is remapped on rebuild', async (t) => {
  await useBackend(backends[0]);
  const model = smallModel();
  model.trainBatch(samples);
  const before = Float32Array.from(model.internals.store.get('leafHead').values);
  const width = model.internals.store.get('leafHead').shape[1];
  model.growLeafSpace({ treeLeafCounts: [...plantedCrossTreeLeafCounts, 3], version: 'test-v2' });
  const grown = model.internals.store.get('leafHead');
  t.deepEqual(grown.shape, [before.length / width + 3, width]);
  t.deepEqual(grown.values.subarray(0, before.length), before);
  t.is(model.leafSpaceVersion, 'test-v2');
  const withNewTree = samples.map((s) => ({
    ...s,
    leafIds: Int32Array.from([...(s.leafIds as Int32Array), 64]),
  }));
  t.true(Number.isFinite(model.trainBatch(withNewTree).loss));
  t.throws(() => model.growLeafSpace({ treeLeafCounts: [2], version: 'bad' }), {
    message: /rebuildLeafSpace/,
  });

  const p = grown.shape[0];
  const mapping = new Int32Array(p).fill(-1);
  mapping[5] = 0;
  mapping[6] = 1;
  mapping[7] = 1;
  const old = Float32Array.from(grown.values);
  model.rebuildLeafSpace({ treeLeafCounts: [2, 2], version: 'test-v3' }, mapping);
  const rebuilt = model.internals.store.get('leafHead').values;
  for (let c = 0; c < width; c++) {
    t.true(Math.abs(rebuilt[c] - old[5 * width + c]) < 1e-7);
    const mean = (old[6 * width + c] + old[7 * width + c]) / 2;
    t.true(Math.abs(rebuilt[width + c] - mean) < 1e-6);
  }
  t.throws(() => model.rebuildLeafSpace({ treeLeafCounts: [2], version: 'x' }, new Int32Array(2)), {
    message: /mapping.length/,
  });
});

test.serial('a detached leaf head does not train the shared body', async (t) => {
  await useBackend(backends[0]);
  const leafOnly = { kind: 'fixed' as const, weights: [0, 1] as [number, number] };
  const bodyAfterStep = (leafHeadGradient: 'shared' | 'detached') => {
    const model = smallModel({ taskWeighting: leafOnly, leafHeadGradient, dropoutRate: 0 });
    const before = Float32Array.from(model.internals.store.get('hidden0.kernel').values);
    model.trainBatch(samples);
    const after = model.internals.store.get('hidden0.kernel').values;
    return after.some((value, i) => value !== before[i]);
  };
  t.false(bodyAfterStep('detached'));
  t.true(bodyAfterStep('shared'));
});
