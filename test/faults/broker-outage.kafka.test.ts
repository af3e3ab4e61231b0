import { type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { createSyntheticDataset } from '@tmrm/datasets';
import { connectionFromEnv, createKafka, ensureTopics, topicCatalogue } from '@tmrm/kafka';
import { brokerLayout, startBroker, stopBroker } from '@tmrm/kafka-broker';
import { codecFor } from '@tmrm/schemas';
import { publishEvents, publishProfiles, runConsumer, syntheticEvents } from '@tmrm/streaming';
import { exited, freePort, health, startApp, trainerArgs, waitUntil } from './support';

// The broker goes away for 30 s while a trainer and a scorer run, then comes back with its data.
// Neither app is restarted: both reconnect by themselves, the trainer trains every event
// produced exactly once, and the scorer answers requests again. The test runs a broker of its
// own (own port, own state folder), so the shared broker on 9092 is never disturbed.

const OUTAGE_MS = 30_000;
const stateDir = mkdtempSync(join(tmpdir(), 'tmrm-outage-'));
const base = 23_000 + Math.floor(Math.random() * 400) * 2;
const layout = brokerLayout({ port: base, controllerPort: base + 1, stateDir });
const brokers = `127.0.0.1:${base}`;
const requestCodec = codecFor('RecommendationRequest');
const recommendationCodec = codecFor('Recommendation');

test.before(async () => {
  await startBroker(layout, { heap: '384m', log: () => undefined });
});

test.after.always(async () => {
  await stopBroker(layout, () => undefined);
  rmSync(stateDir, { recursive: true, force: true });
});

test('trainer and scorer ride out a 30 s broker outage without a restart', async (t) => {
  const prefix = 'tmrm-outage.';
  const specs = topicCatalogue({ prefix, interactionPartitions: 2 });
  const topic = (logical: string) => `${prefix}${logical}`;
  const kafka = createKafka({ connection: connectionFromEnv({ KAFKA_BROKERS: brokers }) });
  const admin = kafka.admin();
  let producer = kafka.producer({ idempotent: true });
  // The test's own reader must ride out the outage as the apps do: a short session, so its
  // pre-outage membership expires soon after the restart, and restarts after any crash.
  const replies = kafka.consumer({
    groupId: `tmrm-outage-replies-${randomUUID()}`,
    sessionTimeout: 6_000,
    heartbeatInterval: 1_000,
  });
  let finished = false;
  const checkpoints = mkdtempSync(join(tmpdir(), 'tmrm-outage-ckpt-'));
  const children: ChildProcess[] = [];
  t.teardown(async () => {
    finished = true;
    for (const child of children) child.kill('SIGKILL');
    await Promise.all(children.map(exited));
    await Promise.allSettled([replies.disconnect(), producer.disconnect(), admin.disconnect()]);
    rmSync(checkpoints, { recursive: true, force: true });
  });

  await admin.connect();
  await ensureTopics(admin, specs);
  await admin.disconnect();
  await producer.connect();
  const dataset = createSyntheticDataset({ users: 100, items: 60, events: 2_400, seed: 5 });
  const events = [...syntheticEvents(dataset)];
  await publishProfiles({
    producer,
    dataset,
    userTopic: topic('user-profiles'),
    itemTopic: topic('item-profiles'),
  });

  const env = {
    KAFKA_BROKERS: brokers,
    TMRM_TOPIC_PREFIX: prefix,
    TMRM_LOG_LEVEL: 'warn',
    TMRM_SESSION_TIMEOUT_MS: '6000',
  };
  const [trainerPort, scorerPort] = [await freePort(), await freePort()];
  const group = `tmrm-outage-${randomUUID().slice(0, 8)}`;
  const trainer = startApp(
    'trainer',
    trainerArgs({ group, port: trainerPort, checkpointDirectory: checkpoints }),
    env,
  );
  const scorer = startApp('scorer', ['--group', `${group}-s`, '--port', String(scorerPort)], env);
  children.push(trainer, scorer);

  const answered = new Set<string>();
  await runConsumer(replies, {
    topics: [topic('recommendations')],
    fromBeginning: true,
    purpose: 'test-replies',
    stopping: () => finished,
    run: {
      eachMessage: async ({ message }) => {
        answered.add(recommendationCodec.decode(message.value ?? Buffer.alloc(0)).requestId);
      },
    },
  });
  const ask = async (requestId: string) => {
    const value = requestCodec.encode({
      requestId,
      userId: events[0].userId,
      k: 3,
      candidateItemIds: null,
      context: null,
      requestedAtMs: Date.now(),
    });
    await producer.send({
      topic: topic('recommendation-requests'),
      acks: -1,
      messages: [{ key: events[0].userId, value }],
    });
  };

  // Before: half the events trained and checkpointed, a request answered.
  await publishEvents({ producer, topic: topic('interactions'), events: events.slice(0, 1_200) });
  await waitUntil(
    'the first half trained and checkpointed',
    async () => {
      const h = await health(trainerPort);
      return h?.eventsTrained === 1_200 && (h?.checkpoints ?? 0) >= 1;
    },
    150_000,
  );
  await waitUntil('a model at the scorer', async () => {
    return Boolean((await health(scorerPort))?.modelVersion);
  }, 60_000); // prettier-ignore
  await ask('before');
  await waitUntil('the request before the outage answered', () => answered.has('before'), 30_000);

  // The outage: the broker stops for 30 s, then restarts on the same data.
  await producer.disconnect();
  const stoppedAt = Date.now();
  await stopBroker(layout, () => undefined);
  await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
  await startBroker(layout, { heap: '384m', log: () => undefined });
  t.log(`broker down for ${((Date.now() - stoppedAt) / 1000).toFixed(1)} s`);
  t.is(trainer.exitCode, null, 'the trainer process lived through the outage');
  t.is(scorer.exitCode, null, 'the scorer process lived through the outage');

  // After: the second half trained, every event once; requests answered again.
  producer = kafka.producer({ idempotent: true });
  await producer.connect();
  await publishEvents({ producer, topic: topic('interactions'), events: events.slice(1_200) });
  await ask('after');
  const recoveredAt = Date.now();
  await waitUntil('the request after the outage answered', () => answered.has('after'), 90_000);
  await waitUntil(
    'every event produced trained',
    async () => (await health(trainerPort))?.eventsTrained === events.length,
    90_000,
  );
  t.log(`recovered ${((Date.now() - recoveredAt) / 1000).toFixed(1)} s after the restart`);
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const [trained, served] = [await health(trainerPort), await health(scorerPort)];
  t.is(trained?.eventsTrained, events.length, 'trained events = produced events, none twice');
  t.is(trained?.state, 'running');
  t.is(served?.state, 'running');
  t.is(trainer.exitCode, null);
  t.is(scorer.exitCode, null);
});
