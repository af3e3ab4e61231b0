import test from 'ava';
import { useBackend } from '../backend/select-backend';
import { testBackends } from '../testing/backend-tests';
import { createFfmModel } from './ffm-model';
import { createFmModel } from './fm-model';
import { createLrModel } from './lr-model';
import { pairwiseSignalFields, pairwiseSignalSamples } from './synthetic-signals';
import { heldOutAuc, trainEpochs } from './test-helpers';

const backends = await testBackends();
const train = pairwiseSignalSamples(5_000, 1);
const heldOut = pairwiseSignalSamples(2_000, 2);
const options = {
  fields: pairwiseSignalFields,
  embeddingSize: 4,
  optimizer: { kind: 'adam' as const, learningRate: 0.02 },
};

test.serial('FM and FFM learn a pure pairwise interaction that LR cannot', async (t) => {
  await useBackend(backends[0]);
  const auc: Record<string, number> = {};
  for (const create of [createLrModel, createFmModel, createFfmModel]) {
    const model = create(options);
    trainEpochs(model, train, { epochs: 2, batchSize: 256 });
    auc[model.name] = heldOutAuc(model, heldOut);
    model.dispose();
  }
  t.log(`held-out AUC: ${JSON.stringify(auc)}`);
  t.true(auc.lr < 0.56, 'LR has no pairwise term, so it stays near chance');
  t.true(auc.fm > 0.8);
  t.true(auc.ffm > 0.8);
  t.true(auc.fm > auc.lr + 0.2 && auc.ffm > auc.lr + 0.2);
});
