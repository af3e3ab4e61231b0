import test from 'ava';
import { mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SnapshotError } from '../model-errors';
import { forEachBackend, testBackends } from '../testing/backend-tests';
import { smallModel } from '../testing/model-factory';
import { describePlantedCrossLeaf, plantedCrossSamples } from '../testing/planted-cross-data';
import {
  deserializeModel,
  loadModelDirectory,
  saveModelDirectory,
  serializeModel,
} from './model-snapshot';

const backends = await testBackends();
const samples = plantedCrossSamples(96, 5);
const unseen = plantedCrossSamples(8, 6).map((s) => ({
  ...s,
  fields: { ...s.fields, user_id: `new-${s.fields.user_id}` },
}));

function trainedModel() {
  const model = smallModel({ leafLoss: { kind: 'sampled', negatives: 6, proposal: 'frequency' } });
  for (let i = 0; i < 3; i++) model.trainBatch(samples.slice(i * 32, (i + 1) * 32));
  return model;
}

forEachBackend(
  test,
  backends,
  'buffer round trip: identical predictions, explanations, training',
  (t) => {
    const model = trainedModel();
    const gbdt = Buffer.from('opaque gbdt bytes');
    const bytes = serializeModel(model, { gbdt });
    const loaded = deserializeModel(bytes, { describeLeaf: describePlantedCrossLeaf });
    t.deepEqual(loaded.gbdt, gbdt);
    t.is(loaded.leafSpaceVersion, 'test-v1');
    t.deepEqual(
      loaded.model.predict([...samples, ...unseen]),
      model.predict([...samples, ...unseen]),
    );
    t.deepEqual(loaded.model.explain(samples[0], 3), model.explain(samples[0], 3));
    // With optimizer state, vocabularies and the random state restored, training continues alike.
    const next = plantedCrossSamples(32, 7);
    t.deepEqual(loaded.model.trainBatch(next), model.trainBatch(next));
    t.deepEqual(loaded.model.predict(next), model.predict(next));
    t.deepEqual(serializeModel(loaded.model), serializeModel(model));
  },
);

test.serial('directory round trip, and corrupt or foreign snapshots fail clearly', async (t) => {
  const folder = await mkdtemp(path.join(tmpdir(), 'tmrm-model-'));
  t.teardown(() => rm(folder, { recursive: true, force: true }));
  const model = trainedModel();
  const sha256 = await saveModelDirectory(model, folder, { includeOptimizer: false });
  const loaded = await loadModelDirectory(folder);
  t.is(loaded.sha256, sha256);
  t.deepEqual(loaded.model.predict(samples), model.predict(samples));

  const bytes = serializeModel(model);
  const flipped = Buffer.from(bytes);
  flipped[flipped.length - 1] ^= 1;
  t.throws(() => deserializeModel(flipped), { instanceOf: SnapshotError, message: /content hash/ });
  const future = Buffer.from(bytes);
  future.writeUInt32LE(99, 8);
  t.throws(() => deserializeModel(future), { message: /format version 99/ });
  t.throws(() => deserializeModel(Buffer.from('not a model at all, just some text here....!!')), {
    message: /magic/,
  });
  t.throws(() => deserializeModel(bytes.subarray(0, 100)), { instanceOf: SnapshotError });

  const deepFm = smallModel({ leafSpace: null });
  deepFm.trainBatch(samples.slice(0, 32));
  const deepFmCopy = deserializeModel(serializeModel(deepFm)).model;
  t.deepEqual(deepFmCopy.predict(samples), deepFm.predict(samples));
  t.is(deepFmCopy.leafSpaceVersion, null);

  const file = path.join(folder, 'model.tmrm');
  const stored = await readFile(file);
  await writeFile(file, serializeModel(smallModel()));
  await t.throwsAsync(loadModelDirectory(folder), { message: /disagree/ });
  await writeFile(file, stored);
  await t.notThrowsAsync(loadModelDirectory(folder));
});
