import { randomUUID } from 'node:crypto';
import test from 'ava';
import { createSyntheticDataset } from '@tmrm/datasets';
import { createKafka, ensureTopics, topicCatalogue } from '@tmrm/kafka';
import { selectBackend } from '@tmrm/model';
import { peekCheckpointHeader } from '../checkpoint';
import { followTopics } from './follow-topics';
import { decodeChunk } from './models-topic';
import { publishEvents, publishProfiles, syntheticEvents } from './publish-synthetic';
import { TrainerRuntime, type TrainerRuntimeOptions } from './trainer-runtime';

// Needs the broker that `npm run kafka:up` starts (or KAFKA_BROKERS).

async function waitFor(what: string, check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test('a trainer outranked by a newer epoch steps down and publishes nothing more', async (t) => {
  await selectBackend();
  const kafka = createKafka();
  const prefix = `tmrm-test-${randomUUID().slice(0, 8)}.`;
  const specs = topicCatalogue({ prefix, interactionPartitions: 1 });
  const name = (logical: string) => `${prefix}${logical}`;
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, specs);
  const producer = kafka.producer({ idempotent: true });
  await producer.connect();
  const topics = {
    interactions: name('interactions'),
    userProfiles: name('user-profiles'),
    itemProfiles: name('item-profiles'),
    models: name('models'),
  };
  // Two trainers in different lease groups: the split brain a paused trainer would cause when
  // it wakes after its standby took over, without waiting for a pause.
  const trainer = (groupId: string, options: Partial<TrainerRuntimeOptions> = {}) =>
    new TrainerRuntime({
      kafka,
      topics,
      groupId: `tmrm-test-${groupId}-${randomUUID()}`,
      batchSize: 200,
      batchWaitMs: 200,
      checkpointEveryBatches: 2,
      sessionTimeoutMs: 6_000,
      trainer: {
        coldStartSamples: 1_000,
        windowSamples: 2_000,
        gbdt: { trees: 5, maxDepth: 3 },
        model: { embeddingSize: 4, hiddenUnits: [8, 8, 8] },
      },
      ...options,
    });
  const first = trainer('first');
  const second = trainer('second');
  const epochs: number[] = [];
  const watcher = await followTopics({
    kafka,
    topics: [topics.models],
    fromBeginning: true,
    purpose: 'test-epochs',
    onMessage: (_topic, _partition, message) => {
      const chunk = decodeChunk(message.value);
      const header = chunk?.chunkIndex === 0 ? peekCheckpointHeader(chunk.bytes) : null;
      if (header) epochs.push(header.epoch);
    },
  });
  t.teardown(async () => {
    await Promise.allSettled([first.stop(), second.stop(), producer.disconnect(), watcher.stop()]);
    await admin.deleteTopics({ topics: specs.map((spec) => spec.name) }).catch(() => undefined);
    await admin.disconnect();
  });

  const dataset = createSyntheticDataset({ users: 80, items: 40, events: 3_000, seed: 21 });
  const events = [...syntheticEvents(dataset)];
  await publishProfiles({
    producer,
    dataset,
    userTopic: topics.userProfiles,
    itemTopic: topics.itemProfiles,
  });
  await publishEvents({ producer, topic: topics.interactions, events: events.slice(0, 2_000) });
  await first.start();
  await waitFor('the first trainer to checkpoint', () => first.status().checkpoints > 0, 60_000);
  const firstEpoch = first.status().epoch ?? -1;
  t.is(firstEpoch, 1, 'a cold start on an empty topic claims epoch 1');

  await second.start();
  t.is(second.status().epoch, firstEpoch + 1, 'the successor claims the next epoch');
  t.is(second.status().state, 'running');
  t.true(second.status().eventsTrained > 0, 'it continued from the snapshot of the first');
  t.is(await first.ended, 'fenced');

  // New events: only the successor trains and publishes.
  const checkpointsWhenFenced = first.status().checkpoints;
  await publishEvents({ producer, topic: topics.interactions, events: events.slice(2_000) });
  await waitFor(
    'the successor to train everything',
    () => second.status().eventsTrained === 3_000,
    60_000,
  );
  await waitFor(
    'its checkpoints to arrive',
    () => epochs.filter((e) => e === 2).length > 1,
    30_000,
  );
  t.is(first.status().checkpoints, checkpointsWhenFenced);
  const firstOfSecond = epochs.indexOf(firstEpoch + 1);
  t.deepEqual(
    epochs.slice(firstOfSecond).filter((epoch) => epoch !== firstEpoch + 1),
    [],
    `no snapshot of the fenced epoch after its successor's first (${epochs.join(',')})`,
  );
});
