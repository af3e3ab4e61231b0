import test from 'ava';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../backend/select-backend';
import { testBackends } from '../testing/backend-tests';
import { smallModel } from '../testing/model-factory';
import { plantedCrossSamples } from '../testing/planted-cross-data';

const backends = await testBackends();
const samples = plantedCrossSamples(4, 3);

test.serial('the tensor count stays flat over 1,000 training batches', async (t) => {
  t.timeout(300_000, '1,000 steps on a loaded 2-core machine');
  await useBackend(backends[0]);
  const model = smallModel({ hiddenUnits: [4, 4, 4], embeddingSize: 2 });
  const batch = samples;
  model.trainBatch(batch);
  model.predict(batch);
  const before = tf.memory().numTensors;
  for (let i = 0; i < 1000; i++) {
    model.trainBatch(batch);
    if (i % 100 === 0) model.score(batch, { explainTop: 2, topK: 2 });
  }
  t.is(tf.memory().numTensors, before);
});
