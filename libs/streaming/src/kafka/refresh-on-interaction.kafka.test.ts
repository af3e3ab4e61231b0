import { randomUUID } from 'node:crypto';
import test from 'ava';
import { from, lastValueFrom } from 'rxjs';
import { createKafka, ensureTopics, topicCatalogue } from '@tmrm/kafka';
import { selectBackend } from '@tmrm/model';
import { codecFor, type Recommendation } from '@tmrm/schemas';
import { encodeCheckpoint } from '../checkpoint';
import { featurize } from '../featurize';
import { joinProfiles } from '../join-profiles';
import { labelEvents } from '../label-events';
import { miniBatch } from '../mini-batch';
import { OnlineTrainer } from '../online-trainer';
import { RecentBehaviour } from '../recent-behaviour';
import { syntheticStream } from '../testing/synthetic-stream';
import { trainStep } from '../train-step';
import { publishSnapshot } from './models-topic';
import { publishEvents, publishProfiles } from './publish-synthetic';
import { ScorerRuntime } from './scorer-runtime';

// Needs the broker that `npm run kafka:up` starts (or KAFKA_BROKERS).

const recommendationCodec = codecFor('Recommendation');

async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test('with refreshOnInteraction, two scorers answer each interaction once, for its user', async (t) => {
  await selectBackend();
  const stream = syntheticStream({ users: 60, items: 40, events: 1_600, seed: 3 });
  const trainer = new OnlineTrainer({
    coldStartSamples: 1_200,
    windowSamples: 1_600,
    gbdt: { trees: 5, maxDepth: 3 },
    model: { embeddingSize: 4, hiddenUnits: [8, 8, 8] },
  });
  await lastValueFrom(
    from(stream.events.slice(0, 1_500).map((event) => ({ event }))).pipe(
      labelEvents(),
      joinProfiles({ store: stream.store }),
      featurize({ behaviour: new RecentBehaviour() }),
      miniBatch({ maxSize: 256, maxWaitMs: Infinity }),
      trainStep(trainer),
    ),
  );
  const checkpoint = trainer.checkpoint();

  const kafka = createKafka();
  const prefix = `tmrm-test-${randomUUID().slice(0, 8)}.`;
  const specs = topicCatalogue({ prefix, interactionPartitions: 2 });
  const name = (logical: string) => `${prefix}${logical}`;
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, specs);
  const producer = kafka.producer({ idempotent: true });
  const reader = kafka.consumer({ groupId: `tmrm-test-${randomUUID()}` });
  const groupId = `tmrm-test-scorer-${randomUUID()}`;
  const scorers = [0, 1].map(
    () =>
      new ScorerRuntime({
        kafka,
        groupId,
        refreshOnInteraction: true,
        refreshK: 4,
        sessionTimeoutMs: 6_000,
        topics: {
          requests: name('recommendation-requests'),
          recommendations: name('recommendations'),
          models: name('models'),
          interactions: name('interactions'),
          userProfiles: name('user-profiles'),
          itemProfiles: name('item-profiles'),
        },
      }),
  );
  t.teardown(async () => {
    await Promise.allSettled([
      ...scorers.map((scorer) => scorer.stop()),
      producer.disconnect(),
      reader.disconnect(),
    ]);
    await admin.deleteTopics({ topics: specs.map((spec) => spec.name) }).catch(() => undefined);
    await admin.disconnect();
  });

  await producer.connect();
  await publishProfiles({
    producer,
    dataset: stream.dataset,
    userTopic: name('user-profiles'),
    itemTopic: name('item-profiles'),
  });
  await publishSnapshot({
    producer,
    topic: name('models'),
    modelId: 'tmrm',
    version: checkpoint.header.snapshotVersion,
    bytes: encodeCheckpoint(checkpoint),
  });
  // A new group that reads from the end resolves "the end" when it first fetches, which on a
  // loaded machine can come after the events below are written, and then skips them. Commit
  // the group's start at offset 0 of the empty topic, as a running deployment has committed.
  await admin.setOffsets({
    groupId: `${groupId}.refresh`,
    topic: name('interactions'),
    partitions: [0, 1].map((partition) => ({ partition, offset: '0' })),
  });
  await Promise.all(scorers.map((scorer) => scorer.start()));
  await waitFor(
    'both scorers in the refresh group',
    async () => {
      const [group] = (await admin.describeGroups([`${groupId}.refresh`])).groups;
      return group.state === 'Stable' && group.members.length === 2;
    },
    30_000,
  );

  const fresh = stream.events.slice(1_500, 1_600);
  await publishEvents({ producer, topic: name('interactions'), events: fresh });
  const replies = new Map<string, Recommendation[]>();
  await reader.connect();
  await reader.subscribe({ topic: name('recommendations'), fromBeginning: true });
  await reader.run({
    eachMessage: async ({ message }) => {
      const recommendation = recommendationCodec.decode(message.value ?? Buffer.alloc(0));
      replies.set(recommendation.requestId, [
        ...(replies.get(recommendation.requestId) ?? []),
        recommendation,
      ]);
    },
  });
  // The first interactions a scorer sees may leave it no candidate yet (nothing known is
  // popular, or the user consumed it): those are not answered. Every later one is, once.
  const answerable = fresh.slice(20);
  await waitFor(
    'a refresh per interaction',
    () => answerable.every((event) => replies.has(`refresh/${event.eventId}`)),
    30_000,
  );
  await new Promise((resolve) => setTimeout(resolve, 1_000)); // room for a duplicate to show

  const answeredBy = scorers.map((scorer) => scorer.status().refreshes);
  t.log(`refreshes per scorer: ${answeredBy.join(', ')} for ${fresh.length} interactions`);
  t.is(
    answeredBy[0] + answeredBy[1],
    replies.size,
    'each reply counted by the scorer that sent it',
  );
  t.true(
    answeredBy.every((count) => count > 0),
    'the two scorers share the work',
  );
  const byEvent = new Map(fresh.map((event) => [`refresh/${event.eventId}`, event]));
  for (const [requestId, [recommendation, ...duplicates]] of replies) {
    const event = byEvent.get(requestId);
    if (!event) return t.fail(`a reply to an unknown interaction: ${requestId}`);
    t.is(duplicates.length, 0, `${requestId} answered once`);
    t.is(recommendation.userId, event.userId);
    t.is(recommendation.error, null);
    t.is(recommendation.modelVersion, checkpoint.header.snapshotVersion);
    t.true(recommendation.items.length > 0 && recommendation.items.length <= 4);
    t.false(
      recommendation.items.some((item) => item.itemId === event.itemId),
      'the item just consumed is not recommended back',
    );
    t.true(recommendation.items.every((item) => item.explanation.length > 0));
  }
});
