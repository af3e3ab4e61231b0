import { randomUUID } from 'node:crypto';
import test from 'ava';
import type { Kafka } from 'kafkajs';
import { createLogger } from '@tmrm/common';
import { createSyntheticDataset, compileCondition } from '@tmrm/datasets';
import { createKafka, ensureTopics, topicCatalogue } from '@tmrm/kafka';
import { selectBackend } from '@tmrm/model';
import { codecFor, type Features, type Recommendation } from '@tmrm/schemas';
import { buildSample } from '../featurize';
import { DEFAULT_LABEL_POLICY, labelFunction } from '../label-events';
import { ProfileStore } from '../profile-store';
import { RecentBehaviour } from '../recent-behaviour';
import { chunkSnapshot, chunkKey } from '../snapshot-chunks';
import { publishSnapshot } from './models-topic';
import { publishEvents, publishProfiles, syntheticEvents } from './publish-synthetic';
import { ScorerRuntime } from './scorer-runtime';
import { TrainerRuntime } from './trainer-runtime';

// Needs the broker that `npm run kafka:up` starts (or KAFKA_BROKERS).

const requestCodec = codecFor('RecommendationRequest');
const recommendationCodec = codecFor('Recommendation');

async function waitFor(what: string, check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function topics(kafka: Kafka) {
  const prefix = `tmrm-test-${randomUUID().slice(0, 8)}.`;
  const specs = topicCatalogue({ prefix, interactionPartitions: 2 });
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, specs);
  const name = (logical: string) => `${prefix}${logical}`;
  return {
    admin,
    names: specs.map((spec) => spec.name),
    trainer: {
      interactions: name('interactions'),
      userProfiles: name('user-profiles'),
      itemProfiles: name('item-profiles'),
      models: name('models'),
    },
    requests: name('recommendation-requests'),
    recommendations: name('recommendations'),
  };
}

test('replayed events train a model whose snapshot reaches the scorer; explanations hold', async (t) => {
  await selectBackend();
  const kafka = createKafka();
  const setup = await topics(kafka);
  const producer = kafka.producer({ idempotent: true });
  const reader = kafka.consumer({ groupId: `tmrm-test-${randomUUID()}` });
  const trainer = new TrainerRuntime({
    kafka,
    topics: setup.trainer,
    groupId: `tmrm-test-trainer-${randomUUID()}`,
    batchSize: 256,
    batchWaitMs: 300,
    checkpointEveryBatches: 5,
    sessionTimeoutMs: 10_000,
    logger: createLogger({ name: 'trainer' }),
    trainer: {
      coldStartSamples: 1_500,
      windowSamples: 4_000,
      refreshEveryEvents: 3_000,
      gbdt: { trees: 10, maxDepth: 3 },
      model: { embeddingSize: 4, hiddenUnits: [16, 16, 16] },
      metricsWindowSamples: 2_000,
    },
  });
  const scorer = new ScorerRuntime({
    kafka,
    groupId: `tmrm-test-scorer-${randomUUID()}`,
    sessionTimeoutMs: 10_000,
    logger: createLogger({ name: 'scorer' }),
    topics: { ...setup.trainer, requests: setup.requests, recommendations: setup.recommendations },
  });
  t.teardown(async () => {
    await Promise.allSettled([
      trainer.stop(),
      scorer.stop(),
      producer.disconnect(),
      reader.disconnect(),
    ]);
    await setup.admin.deleteTopics({ topics: setup.names }).catch(() => undefined);
    await setup.admin.disconnect();
  });

  const dataset = createSyntheticDataset({ users: 150, items: 80, events: 9_000, seed: 11 });
  await producer.connect();
  await publishProfiles({
    producer,
    dataset,
    userTopic: setup.trainer.userProfiles,
    itemTopic: setup.trainer.itemProfiles,
  });
  await Promise.all([trainer.start(), scorer.start()]);
  const produced = await publishEvents({
    producer,
    topic: setup.trainer.interactions,
    events: syntheticEvents(dataset),
  });

  await waitFor(
    'every event trained',
    () => trainer.status().eventsTrained === produced,
    120_000,
  ).catch((error: Error) => {
    throw new Error(`${error.message}: ${JSON.stringify(trainer.status())}`);
  });
  await waitFor('a snapshot at the scorer', () => scorer.status().modelVersion !== null, 30_000);
  const status = trainer.status();
  t.log(
    `trained ${status.eventsTrained} events, rolling AUC ${status.rollingAuc?.toFixed(3)}, ${status.checkpoints} checkpoints`,
  );
  t.true((status.rollingAuc ?? 0) > 0.58, `rolling AUC ${status.rollingAuc}`);

  // The scorer's counters come from the interactions it read: rebuild them the same way.
  const behaviour = new RecentBehaviour();
  const labelOf = labelFunction(DEFAULT_LABEL_POLICY);
  for (const event of syntheticEvents(dataset))
    behaviour.record(event.userId, event.itemId, labelOf(event) === 1);
  const store = new ProfileStore();
  for (const profile of dataset.world.userProfiles)
    store.apply({ kind: 'user', key: profile.userId, profile });
  for (const profile of dataset.world.itemProfiles)
    store.apply({ kind: 'item', key: profile.itemId, profile });

  const context: Features = { categorical: { weekday: 'Fri' }, numeric: { hour: 20 }, multi: {} };
  const users = ['u1', 'u7', 'u42', 'u99'];
  await producer.send({
    topic: setup.requests,
    messages: users.map((userId, i) => ({
      key: userId,
      value: requestCodec.encode({
        requestId: `r${i}`,
        userId,
        k: 5,
        candidateItemIds: null,
        context,
        requestedAtMs: Date.now(),
      }),
    })),
  });
  const replies = new Map<string, Recommendation>();
  await reader.connect();
  await reader.subscribe({ topic: setup.recommendations, fromBeginning: true });
  await reader.run({
    eachMessage: async ({ message }) => {
      const recommendation = recommendationCodec.decode(message.value ?? Buffer.alloc(0));
      replies.set(recommendation.requestId, recommendation);
    },
  });
  await waitFor('every request answered', () => replies.size === users.length, 30_000);

  let conditions = 0;
  for (const recommendation of replies.values()) {
    t.is(recommendation.error, null);
    t.regex(recommendation.modelVersion, /^tmrm-v\d+-e\d+$/);
    t.is(recommendation.items.length, 5);
    for (const item of recommendation.items) {
      t.true(item.explanation.length > 0, 'every item is explained');
      const { fields } = buildSample({
        userId: recommendation.userId,
        itemId: item.itemId,
        user: store.user(recommendation.userId),
        item: store.item(item.itemId),
        context,
        behaviour,
      });
      for (const path of item.explanation) {
        for (const condition of path.conditions) {
          t.true(compileCondition(condition)(fields), `${path.text} for ${JSON.stringify(fields)}`);
          conditions += 1;
        }
      }
    }
  }
  t.log(
    `checked ${conditions} explanation conditions; example: ${[...replies.values()][0].items[0].explanation[0].text}`,
  );
  t.true(conditions > 20);

  // A snapshot that does not load, and one whose bytes do not match their hash, are rejected
  // while the current model keeps serving.
  const serving = scorer.status().modelVersion;
  await publishSnapshot({
    producer,
    topic: setup.trainer.models,
    modelId: 'tmrm',
    version: 'tmrm-v999',
    bytes: Buffer.from('not a checkpoint'),
  });
  const [chunk] = chunkSnapshot(Buffer.from('some bytes'), {
    modelId: 'tmrm',
    version: 'tmrm-v998',
  });
  const codec = codecFor('ModelSnapshotChunk');
  const tampered = codec.encode({ ...chunk, bytes: Buffer.from('other bytes') });
  await producer.send({
    topic: setup.trainer.models,
    messages: [{ key: chunkKey(chunk), value: tampered }],
  });
  await waitFor(
    'both bad snapshots rejected',
    () => scorer.status().snapshotsRejected === 2,
    30_000,
  );
  t.is(scorer.status().modelVersion, serving);
});
