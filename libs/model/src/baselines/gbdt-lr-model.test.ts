import test from 'ava';
import { useBackend } from '../backend/select-backend';
import { testBackends } from '../testing/backend-tests';
import { createGbdtLrModel } from './gbdt-lr-model';
import { createGbdtModel } from './gbdt-model';
import { createLrModel } from './lr-model';
import { withGbdtLeaves } from './synthetic-leaves';
import { bandSignalFields, bandSignalSamples } from './synthetic-signals';
import { heldOutAuc, trainEpochs } from './test-helpers';

const backends = await testBackends();
const train = bandSignalSamples(4_000, 1);
const heldOut = bandSignalSamples(2_000, 2);
const { ensemble, describeLeaf } = await withGbdtLeaves(train, [heldOut], {
  numericFields: ['price', 'hour'],
  trees: 10,
  depth: 3,
});

test.serial('GBDT and GBDT+LR rank a threshold band that LR cannot', async (t) => {
  await useBackend(backends[0]);
  const options = {
    fields: bandSignalFields,
    ensemble,
    describeLeaf,
    optimizer: { kind: 'adam' as const, learningRate: 0.05 },
  };
  const auc: Record<string, number> = {};
  for (const create of [createLrModel, createGbdtModel, createGbdtLrModel]) {
    const model = create(options);
    trainEpochs(model, train, { epochs: 2, batchSize: 256 });
    auc[model.name] = heldOutAuc(model, heldOut);
  }
  t.log(`held-out AUC: ${JSON.stringify(auc)}`);
  t.true(auc.lr < 0.58, 'the band is not monotone in price');
  t.true(auc.gbdt > 0.7);
  t.true(auc['gbdt-lr'] > 0.7);
  t.true(auc['gbdt-lr'] > auc.lr + 0.12);
});

test.serial('GBDT explains a sample with its active leaves by |leaf value|', (t) => {
  const model = createGbdtModel({ fields: bandSignalFields, ensemble, describeLeaf });
  const explanation = model.explain?.(heldOut[0], 3);
  if (!explanation) return t.fail('gbdt has explain');
  t.is(explanation.leaves.length, ensemble.trees.length);
  t.true(explanation.paths.length >= 1 && explanation.paths.length <= 3);
  const weights = explanation.leaves.map((leaf) => Math.abs(leaf.weight));
  t.deepEqual(
    weights,
    [...weights].sort((a, b) => b - a),
  );
  t.true(explanation.paths.every((path) => path.text.length > 0));
});
