import test from 'ava';
import { useBackend } from '../backend/select-backend';
import { testBackends } from '../testing/backend-tests';
import { createGbdtCentModel } from './gbdt-cent-model';
import { userTasteFields, userTasteSamples } from './synthetic-signals';
import { heldOutAuc, trainEpochs } from './test-helpers';

const backends = await testBackends();
const train = userTasteSamples(4_000, 1);
const heldOut = userTasteSamples(2_000, 2);

test.serial('GBDT-CENT per-user numerical trees rank what the embeddings cannot', async (t) => {
  await useBackend(backends[0]);
  const model = createGbdtCentModel({
    fields: userTasteFields,
    embeddingSize: 4,
    optimizer: { kind: 'adam', learningRate: 0.02 },
    treeFields: ['user_id'],
    minTreeSupport: 50,
  });
  trainEpochs(model, train, { epochs: 2, batchSize: 256 });
  const centOnly = heldOutAuc(model, heldOut);
  await model.fitTrees(train);
  const withTrees = heldOutAuc(model, heldOut);
  t.log(`held-out AUC: CENT alone ${centOnly.toFixed(3)}, with trees ${withTrees.toFixed(3)}`);
  t.log(`trees: ${JSON.stringify(model.treeCounts)}`);
  t.is(model.treeCounts.values, 20);
  t.true(centOnly < 0.6);
  t.true(withTrees > 0.75);
});

test.serial('GBDT-CENT checkpoints its trees with its embeddings', async (t) => {
  await useBackend(backends[0]);
  const model = createGbdtCentModel({
    fields: userTasteFields,
    embeddingSize: 2,
    treeFields: ['user_id'],
    minTreeSupport: 50,
    treeRounds: 1,
  });
  trainEpochs(model, train.slice(0, 1_000), { epochs: 1, batchSize: 250 });
  await model.fitTrees(train);
  const saved = model.checkpoint();
  const before = model.predict(heldOut.slice(0, 50));
  await model.fitTrees(train.slice(0, 10));
  model.restore(saved);
  t.deepEqual(model.predict(heldOut.slice(0, 50)), before);
});
