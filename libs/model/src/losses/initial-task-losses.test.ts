import test from 'ava';
import { ConfigError } from '@tmrm/common';
import { useBackend } from '../backend/select-backend';
import type { LeafLoss } from '../model/model-config';
import { testBackends } from '../testing/backend-tests';
import { smallModel } from '../testing/model-factory';
import { plantedCrossSamples } from '../testing/planted-cross-data';
import { expectedInitialLosses } from './initial-task-losses';
import { effectiveTaskWeights } from './task-weighting';

const backends = await testBackends();
const samples = plantedCrossSamples(512, 4);
const variants: LeafLoss[] = [
  { kind: 'full' },
  { kind: 'per-tree-softmax' },
  { kind: 'sampled', negatives: 20, proposal: 'uniform' },
];

test.serial('the losses of a fresh model are the ones its HU start assumes', async (t) => {
  await useBackend(backends[0]);
  for (const leafLoss of variants) {
    const model = smallModel({ leafLoss, seed: 3 });
    const config = model.internals.config;
    const [click, leaf] = expectedInitialLosses(config.leafSpace!, leafLoss);
    // trainBatch reports the losses of the forward pass before its update: the initial ones.
    const measured = model.trainBatch(samples);
    t.log(`${leafLoss.kind}: L1 ${measured.clickLoss.toFixed(3)} (expected ${click.toFixed(3)}),`);
    t.log(`  L2 ${measured.leafLoss!.toFixed(3)} (expected ${leaf.toFixed(3)})`);
    t.true(Math.abs(measured.clickLoss - click) < 0.05 * click, leafLoss.kind);
    // The sampled loss draws one set of negatives per batch, so one batch scatters more.
    const tolerance = leafLoss.kind === 'sampled' ? 0.15 : 0.02;
    t.true(Math.abs(measured.leafLoss! - leaf) < tolerance * leaf, leafLoss.kind);
  }
});

test.serial('TMRM-HU starts with each task weighted by 1 / its initial loss', async (t) => {
  await useBackend(backends[0]);
  const model = smallModel({ taskWeighting: { kind: 'homoscedastic' } });
  const config = model.internals.config;
  const [click, leaf] = expectedInitialLosses(config.leafSpace!, config.leafLoss);
  const start = model.internals.store.get('task').values;
  const [w1, w2] = effectiveTaskWeights(config.taskWeighting, start);
  t.true(Math.abs(w1 * click - 1) < 1e-5);
  t.true(Math.abs(w2 * leaf - 1) < 1e-5);

  const ow = smallModel({ taskWeighting: { kind: 'optimal-weights', penaltyLambda: 1 } });
  const owStart = ow.internals.store.get('task').values;
  const [v1, v2] = effectiveTaskWeights(ow.internals.config.taskWeighting, owStart);
  t.true(Math.abs(v1 * click - v2 * leaf) < 1e-5 * v1 * click, 'OW: equal weighted losses');

  const kendall = smallModel({
    taskWeighting: { kind: 'homoscedastic', initialLogVariances: [0, 0] },
  });
  t.deepEqual(Array.from(kendall.internals.store.get('task').values), [0, 0]);
  const error = t.throws(
    () =>
      smallModel({
        taskWeighting: {
          kind: 'homoscedastic',
          initialLogVariances: [0, Number.NaN] as [number, number],
        },
      }),
    { instanceOf: ConfigError },
  );
  t.regex(error.message, /initialLogVariances/);
});
