import test from 'ava';
import { from, lastValueFrom, toArray } from 'rxjs';
import { selectBackend } from '@tmrm/model';
import { decodeCheckpoint, encodeCheckpoint } from './checkpoint';
import { featurize } from './featurize';
import { joinProfiles } from './join-profiles';
import { labelEvents } from './label-events';
import { miniBatch } from './mini-batch';
import { OnlineTrainer } from './online-trainer';
import { ScoringModel } from './scoring-model';
import { RecentBehaviour } from './recent-behaviour';
import { syntheticStream } from './testing/synthetic-stream';
import { trainStep } from './train-step';
import type { Sample } from './types';

test.before(async () => {
  await selectBackend();
});

const small = { embeddingSize: 4, hiddenUnits: [16, 16, 16] };

function pipeline(
  trainer: OnlineTrainer,
  events: ReturnType<typeof syntheticStream>['events'],
  store: ReturnType<typeof syntheticStream>['store'],
) {
  const behaviour = new RecentBehaviour();
  return lastValueFrom(
    from(
      events.map((event, offset) => ({
        event,
        source: { topic: 'in', partition: 0, offset: String(offset) },
      })),
    ).pipe(
      labelEvents(),
      joinProfiles({ store }),
      featurize({ behaviour }),
      miniBatch({ maxSize: 128, maxWaitMs: Infinity }),
      trainStep(trainer),
      toArray(),
    ),
  );
}

test('cold start, online training with progressive validation, and rising AUC', async (t) => {
  const { events, store } = syntheticStream({ users: 200, items: 100, events: 6_000, seed: 5 });
  const trainer = new OnlineTrainer({
    coldStartSamples: 1_000,
    windowSamples: 3_000,
    refreshEveryEvents: 2_500,
    gbdt: { trees: 10, maxDepth: 3 },
    model: small,
    metricsWindowSamples: 2_000,
  });
  const reports = await pipeline(trainer, events, store);
  t.is(reports[0].phase, 'gathering');
  const online = reports.filter((report) => report.phase === 'online');
  t.is(online[0].refreshed, 'g1');
  t.true(
    online.some((report) => report.refreshed === 'g2'),
    'a count-based refresh happened',
  );
  t.is(trainer.eventsTrained, 6_000);
  t.deepEqual(trainer.offsets(), { 'in/0': '6000' });
  const last = reports[reports.length - 1].metrics;
  t.log(`rolling AUC ${last.auc?.toFixed(3)}, log-loss ${last.logLoss.toFixed(3)}`);
  t.true((last.auc ?? 0) > 0.6, `rolling AUC ${last.auc}`);
});

test('a checkpoint round-trips: same predictions, offsets and counters', async (t) => {
  const { events, store } = syntheticStream({ users: 50, items: 40, events: 1_200, seed: 9 });
  const trainer = new OnlineTrainer({
    coldStartSamples: 500,
    windowSamples: 1_000,
    gbdt: { trees: 5 },
    model: small,
  });
  await pipeline(trainer, events, store);
  const bytes = encodeCheckpoint(trainer.checkpoint());
  const checkpoint = decodeCheckpoint(bytes);
  t.is(checkpoint.header.eventsTrained, 1_200);
  t.deepEqual(checkpoint.header.offsets, { 'in/0': '1200' });
  const restored = OnlineTrainer.restore(checkpoint, { model: small });
  t.true(restored.alreadyTrained({ topic: 'in', partition: 0, offset: '1199' }));
  t.false(restored.alreadyTrained({ topic: 'in', partition: 0, offset: '1200' }));
  t.is(restored.leafEncodingVersion, trainer.leafEncodingVersion);
  const againBytes = encodeCheckpoint(restored.checkpoint());
  const again = decodeCheckpoint(againBytes);
  t.is(again.header.sequence, checkpoint.header.sequence + 1);
  t.is(again.header.eventsTrained, 1_200);
  const probe = (): Sample[] => [
    { fields: { user_id: 'u1', item_id: 'i2', age: 30 } },
    { fields: { user_id: 'u9', item_id: 'i7' } },
  ];
  t.deepEqual(
    ScoringModel.fromBytes(againBytes).predict(probe()),
    ScoringModel.fromBytes(bytes).predict(probe()),
  );
});

test('a corrupt checkpoint is rejected with a clear error', (t) => {
  t.throws(() => decodeCheckpoint(Buffer.from('not a checkpoint at all')), {
    message: /bad magic/,
  });
});

for (const refreshMode of ['continue', 'refit'] as const) {
  test(`a ${refreshMode} refresh keeps training with head 2 following the leaf space`, async (t) => {
    const { events, store } = syntheticStream({ users: 100, items: 60, events: 2_500, seed: 3 });
    const trainer = new OnlineTrainer({
      coldStartSamples: 800,
      windowSamples: 1_500,
      refreshEveryEvents: 700,
      refreshMode,
      gbdt: { trees: 6, maxDepth: 3, continueTrees: 2 },
      model: small,
    });
    const reports = await pipeline(trainer, events, store);
    const refreshed = reports.map((report) => report.refreshed).filter(Boolean);
    t.deepEqual(refreshed, ['g1', 'g2', 'g3']);
    t.is(trainer.eventsTrained, 2_500);
    const checkpoint = decodeCheckpoint(encodeCheckpoint(trainer.checkpoint()));
    t.is(checkpoint.header.leafEncodingVersion, 'g3');
  });
}
