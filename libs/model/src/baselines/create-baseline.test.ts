import test from 'ava';
import { ConfigError } from '@tmrm/common';
import { useBackend } from '../backend/select-backend';
import { ModelInputError } from '../model-errors';
import { testBackends } from '../testing/backend-tests';
import { baselineNames } from './baseline-model';
import { baselineRegistry, createBaseline } from './create-baseline';
import { withGbdtLeaves } from './synthetic-leaves';
import { bandSignalFields, bandSignalSamples } from './synthetic-signals';

const backends = await testBackends();
const train = bandSignalSamples(600, 7);
const heldOut = bandSignalSamples(40, 8);
const { ensemble, describeLeaf } = await withGbdtLeaves(train, [heldOut], {
  numericFields: ['price', 'hour'],
  trees: 4,
  depth: 2,
});
const options = {
  fields: bandSignalFields,
  ensemble,
  describeLeaf,
  embeddingSize: 3,
  hiddenUnits: [8, 4],
  attentionSize: 4,
  wideCrosses: [['user_id', 'item_id']] as [string, string][],
  minTreeSupport: 10,
  optimizer: { kind: 'adam' as const, learningRate: 0.05 },
};

for (const name of baselineNames) {
  test.serial(`${name}: shapes, finite losses, checkpoint and restore`, async (t) => {
    await useBackend(backends[0]);
    const model = createBaseline(name, options);
    t.is(model.name, name);
    for (let i = 0; i < train.length; i += 100) {
      const losses = model.trainBatch(train.slice(i, i + 100));
      t.true(Number.isFinite(losses.loss) && losses.loss > 0);
      t.true(losses.clipFactor > 0 && losses.clipFactor <= 1);
    }
    await model.fitTrees?.(train);

    const scores = model.predict(heldOut);
    t.true(scores instanceof Float32Array);
    t.is(scores.length, heldOut.length);
    t.true(scores.every((p) => p > 0 && p < 1));
    t.is(model.predict(heldOut.slice(0, 1))[0], scores[0], 'a sample scores alike alone');

    const saved = model.checkpoint();
    for (let i = 0; i < 3; i++) model.trainBatch(train.slice(0, 100));
    model.restore(saved);
    t.deepEqual(model.predict(heldOut), scores);
    model.dispose();
    t.throws(() => model.predict(heldOut));
  });
}

test.serial('leaf-reading baselines need leaf ids and a leaf space', async (t) => {
  await useBackend(backends[0]);
  const withoutLeaves = heldOut.map(({ fields, label }) => ({ fields, label }));
  for (const name of baselineNames.filter((n) => baselineRegistry[n].readsLeaves)) {
    const model = createBaseline(name, options);
    const error = t.throws(() => model.trainBatch(withoutLeaves), { instanceOf: ModelInputError });
    t.regex(error.message, /leafIds/);
    const { ensemble: _, ...noTrees } = options;
    t.throws(() => createBaseline(name, noTrees), { instanceOf: ConfigError });
  }
});

test.serial('a checkpoint restores only on a model of the same shape', async (t) => {
  await useBackend(backends[0]);
  const small = createBaseline('fm', options);
  const large = createBaseline('fm', { ...options, embeddingSize: 5 });
  const error = t.throws(() => large.restore(small.checkpoint()), { instanceOf: ModelInputError });
  t.regex(error.message, /embeddings/);
  t.throws(() => small.restore(createBaseline('lr', options).checkpoint()), {
    instanceOf: ModelInputError,
  });
});

test('an unknown baseline name or bad option fails naming it', (t) => {
  const unknown = t.throws(() => createBaseline('xgb' as 'lr', options), {
    instanceOf: ConfigError,
  });
  t.regex(unknown.message, /xgb/);
  const bad = t.throws(() => createBaseline('fm', { ...options, embeddingSize: 0 }), {
    instanceOf: ConfigError,
  });
  t.regex(bad.message, /embeddingSize/);
  t.throws(() => createBaseline('tem', { ...options, pooling: 'sum' as 'max' }), {
    instanceOf: ConfigError,
  });
});
