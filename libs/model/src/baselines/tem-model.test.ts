import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../backend/select-backend';
import { testBackends } from '../testing/backend-tests';
import {
  describePlantedCrossLeaf,
  plantedCrossFields,
  plantedCrossLeaf,
  plantedCrossSamples,
  plantedCrossTreeLeafCounts,
} from '../testing/planted-cross-data';
import { createTemModel } from './tem-model';
import { withGbdtLeaves } from './synthetic-leaves';
import { bandSignalFields, bandSignalSamples } from './synthetic-signals';
import { heldOutAuc, trainEpochs } from './test-helpers';

const backends = await testBackends();
const train = bandSignalSamples(4_000, 3);
const heldOut = bandSignalSamples(1_500, 4);
const { ensemble, describeLeaf } = await withGbdtLeaves(train, [heldOut], {
  numericFields: ['price', 'hour'],
  trees: 8,
  depth: 3,
});
const options = {
  fields: bandSignalFields,
  ensemble,
  describeLeaf,
  embeddingSize: 8,
  attentionSize: 8,
  optimizer: { kind: 'adam' as const, learningRate: 0.02 },
};

for (const pooling of ['average', 'max'] as const) {
  test.serial(`TEM (${pooling} pooling) learns from the leaf embeddings`, async (t) => {
    await useBackend(backends[0]);
    const model = createTemModel({ ...options, pooling });
    trainEpochs(model, train, { epochs: 2, batchSize: 256 });
    const auc = heldOutAuc(model, heldOut);
    t.log(`held-out AUC ${auc.toFixed(3)}`);
    t.true(auc > 0.7);
  });
}

test.serial('TEM attention is a distribution over the active leaves and explains', async (t) => {
  await useBackend(backends[0]);
  const model = createTemModel(options);
  trainEpochs(model, train.slice(0, 1_000), { epochs: 1, batchSize: 200 });
  const batch = heldOut.slice(0, 5);
  const attention = model.attention(batch);
  const treeCount = ensemble.trees.length;
  t.is(attention.length, batch.length * treeCount);
  for (let b = 0; b < batch.length; b++) {
    const row = attention.subarray(b * treeCount, (b + 1) * treeCount);
    t.true(Math.abs(row.reduce((a, x) => a + x, 0) - 1) < 1e-4);
    t.true(row.every((w) => w > 0));
  }
  const explanation = model.explain(batch[0], 2);
  t.is(explanation.leaves.length, treeCount);
  const sorted = (ids: Iterable<number>) => [...ids].sort((a, b) => a - b);
  t.deepEqual(
    sorted(explanation.leaves.map((leaf) => leaf.leafId)),
    sorted(batch[0].leafIds ?? []),
  );
  t.true(explanation.paths.length >= 1 && explanation.paths.length <= 2);
});

test.serial('TEM keeps the tensor count flat over many steps', async (t) => {
  await useBackend(backends[0]);
  const model = createTemModel({ ...options, embeddingSize: 2, attentionSize: 2 });
  const batch = train.slice(0, 8);
  model.trainBatch(batch);
  model.predict(batch);
  const before = tf.memory().numTensors;
  for (let i = 0; i < 300; i++) {
    model.trainBatch(batch);
    if (i % 30 === 0) {
      model.predict(batch);
      model.explain(batch[0], 2);
    }
  }
  t.is(tf.memory().numTensors, before);
});

test.serial('TEM attention puts the planted cross first in held-out positives', async (t) => {
  await useBackend(backends[0]);
  const model = createTemModel({
    fields: plantedCrossFields,
    leafSpace: { treeLeafCounts: plantedCrossTreeLeafCounts, version: 'test-v1' },
    describeLeaf: describePlantedCrossLeaf,
    embeddingSize: 8,
    attentionSize: 8,
    optimizer: { kind: 'adam', learningRate: 0.01 },
  });
  trainEpochs(model, plantedCrossSamples(10_000, 1), { epochs: 1, batchSize: 256 });
  const positives = plantedCrossSamples(2_000, 2).filter((sample) => sample.label === 1);
  let crossFirst = 0;
  let crossActive = 0;
  for (const sample of positives) {
    if (sample.leafIds?.includes(plantedCrossLeaf)) crossActive++;
    if (model.explain(sample, 1).leaves[0].leafId === plantedCrossLeaf) crossFirst++;
  }
  const share = (count: number) => (count / positives.length).toFixed(3);
  // A random one of the 16 active leaves would be the cross in crossActive / 16 of them.
  t.log(
    `top-1 attention leaf is the planted cross in ${share(crossFirst)} of positives; ` +
      `it is active in ${share(crossActive)}; a random active leaf: ${share(crossActive / 16)}`,
  );
  t.true(crossFirst >= 0.8 * crossActive);
});
