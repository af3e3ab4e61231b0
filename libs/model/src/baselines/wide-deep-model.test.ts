import test from 'ava';
import { ConfigError } from '@tmrm/common';
import { useBackend } from '../backend/select-backend';
import { testBackends } from '../testing/backend-tests';
import { createDeepFmModel } from './deepfm-model';
import { createWideDeepModel } from './wide-deep-model';
import { pairwiseSignalFields, pairwiseSignalSamples } from './synthetic-signals';
import { heldOutAuc, trainEpochs } from './test-helpers';

const backends = await testBackends();
const train = pairwiseSignalSamples(5_000, 5);
const heldOut = pairwiseSignalSamples(2_000, 6);
const options = {
  fields: pairwiseSignalFields,
  embeddingSize: 4,
  hiddenUnits: [32, 16],
  dropoutRate: 0,
  optimizer: { kind: 'adam' as const, learningRate: 0.01 },
};

test.serial('Wide&Deep with a wide cross and DeepFM learn a pairwise interaction', async (t) => {
  await useBackend(backends[0]);
  const wideDeep = createWideDeepModel({ ...options, wideCrosses: [['colour', 'shape']] });
  const deepFm = createDeepFmModel(options);
  const auc: Record<string, number> = {};
  for (const model of [wideDeep, deepFm]) {
    trainEpochs(model, train, { epochs: 2, batchSize: 256 });
    auc[model.name] = heldOutAuc(model, heldOut);
  }
  t.log(`held-out AUC: ${JSON.stringify(auc)}`);
  t.true(auc.widedeep > 0.8);
  t.true(auc.deepfm > 0.8);
});

test.serial('Wide&Deep crosses a multi-valued field and rejects a numeric cross', async (t) => {
  await useBackend(backends[0]);
  const model = createWideDeepModel({ ...options, wideCrosses: [['tags', 'colour']] });
  const losses = model.trainBatch(train.slice(0, 64));
  t.true(Number.isFinite(losses.loss));
  t.is(model.predict(heldOut.slice(0, 10)).length, 10);
  const error = t.throws(
    () => createWideDeepModel({ ...options, wideCrosses: [['noise', 'colour']] }),
    { instanceOf: ConfigError },
  );
  t.regex(error.message, /wideCrosses\[0\]/);
});
