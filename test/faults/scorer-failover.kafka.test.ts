import { type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { createSyntheticDataset } from '@tmrm/datasets';
import { createKafka, ensureTopics, topicCatalogue } from '@tmrm/kafka';
import { codecFor, type ModelSnapshotChunk } from '@tmrm/schemas';
import {
  CheckpointFolder,
  chunkKey,
  chunkSnapshot,
  decodeCheckpoint,
  encodeCheckpoint,
  publishEvents,
  publishProfiles,
  syntheticEvents,
} from '@tmrm/streaming';
import { exited, freePort, health, startApp, trainerArgs, waitUntil } from './support';

// One trainer and two scorers in one request group, on the real broker. A corrupt snapshot on
// the models topic is rejected by every scorer (the current model keeps serving) and by a
// trainer that restores from the topic; a scorer killed with SIGKILL while requests flow
// leaves its partitions to the other, and every request is answered at least once (a request
// answered twice carries the same request id, so a client can drop the duplicate).

const requestCodec = codecFor('RecommendationRequest');
const recommendationCodec = codecFor('Recommendation');
const chunkCodec = codecFor('ModelSnapshotChunk');

const prefix = `tmrm-faults-${randomUUID().slice(0, 8)}.`;
const specs = topicCatalogue({ prefix, interactionPartitions: 4 });
const topic = (logical: string) => `${prefix}${logical}`;
const kafka = createKafka();
const admin = kafka.admin();
const producer = kafka.producer({ idempotent: true });
const replies = kafka.consumer({ groupId: `tmrm-faults-replies-${randomUUID()}` });
const children: ChildProcess[] = [];
const directories: string[] = [];
const answers: { requestId: string; modelVersion: string; error: string | null }[] = [];
const group = `tmrm-faults-${randomUUID().slice(0, 8)}`;
const env = { TMRM_TOPIC_PREFIX: prefix, TMRM_LOG_LEVEL: 'warn', TMRM_SESSION_TIMEOUT_MS: '6000' };
const ports = { trainer: 0, scorers: [0, 0] };
let scorers: ChildProcess[] = [];
let itemIds: string[] = [];
let trainerFolder = '';

test.before(async () => {
  await admin.connect();
  await ensureTopics(admin, specs);
  await producer.connect();
  const dataset = createSyntheticDataset({ users: 100, items: 60, events: 1_500, seed: 3 });
  const events = [...syntheticEvents(dataset)];
  itemIds = [...new Set(events.slice(0, 60).map((event) => event.itemId))];
  await publishProfiles({
    producer,
    dataset,
    userTopic: topic('user-profiles'),
    itemTopic: topic('item-profiles'),
  });
  trainerFolder = await mkdtemp(join(tmpdir(), 'tmrm-faults-scorer-'));
  directories.push(trainerFolder);
  ports.trainer = await freePort();
  ports.scorers = [await freePort(), await freePort()];
  const trainer = startApp(
    'trainer',
    trainerArgs({ group, port: ports.trainer, checkpointDirectory: trainerFolder }),
    env,
  );
  scorers = ports.scorers.map((port) =>
    startApp('scorer', ['--group', `${group}-s`, '--port', String(port)], env),
  );
  children.push(trainer, ...scorers);
  await publishEvents({ producer, topic: topic('interactions'), events });
  await waitUntil(
    'the events trained and checkpointed',
    async () => {
      const h = await health(ports.trainer);
      return h?.eventsTrained === events.length && (h?.checkpoints ?? 0) >= 1;
    },
    150_000,
  );
  await waitUntil(
    'both scorers serving a model',
    async () => {
      const all = await Promise.all(ports.scorers.map(health));
      return all.every((h) => h?.state === 'running' && Boolean(h?.modelVersion));
    },
    60_000,
  );
  await replies.connect();
  await replies.subscribe({ topic: topic('recommendations'), fromBeginning: true });
  await replies.run({
    eachMessage: async ({ message }) => {
      const { requestId, modelVersion, error } = recommendationCodec.decode(
        message.value ?? Buffer.alloc(0),
      );
      answers.push({ requestId, modelVersion, error });
    },
  });
});

test.after.always(async () => {
  for (const child of children) child.kill('SIGKILL');
  await Promise.all(children.map(exited));
  await Promise.allSettled([replies.disconnect(), producer.disconnect()]);
  await admin.deleteTopics({ topics: specs.map((spec) => spec.name) }).catch(() => undefined);
  await admin.disconnect();
  await Promise.all(directories.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function ask(requestId: string, userId = 'u1'): Promise<void> {
  const value = requestCodec.encode({
    requestId,
    userId,
    k: 3,
    candidateItemIds: itemIds,
    context: null,
    requestedAtMs: Date.now(),
  });
  await producer.send({
    topic: topic('recommendation-requests'),
    acks: -1,
    messages: [{ key: userId, value }],
  });
}

async function publishChunks(chunks: ModelSnapshotChunk[]): Promise<void> {
  await producer.send({
    topic: topic('models'),
    acks: -1,
    messages: chunks.map((chunk) => ({ key: chunkKey(chunk), value: chunkCodec.encode(chunk) })),
  });
}

test.serial(
  'a corrupt snapshot on the models topic is rejected; the model keeps serving',
  async (t) => {
    const before = await Promise.all(ports.scorers.map(health));
    const good = await new CheckpointFolder({ directory: trainerFolder, keep: 3 }).latest();
    if (!good) return t.fail('the trainer saved no checkpoint');
    // 1. Intact chunks of damaged content that claims to be the newest checkpoint: the chunks'
    // hash matches and the header reads, but the model inside does not load.
    const newest = decodeCheckpoint(good);
    const modelBytes = Buffer.from(newest.modelBytes);
    const end = modelBytes.length;
    for (let i = end - 4_000; i < end - 3_000; i++) modelBytes[i] ^= 0xff;
    const header = { ...newest.header, sequence: newest.header.sequence + 1_000 };
    const damaged = encodeCheckpoint({ ...newest, header, modelBytes });
    await publishChunks(chunkSnapshot(damaged, { modelId: 'tmrm', version: 'tmrm-v9001' }));
    // 2. Chunks whose bytes do not hash to the sha256 they announce.
    const tampered = chunkSnapshot(good, { modelId: 'tmrm', version: 'tmrm-v9002' });
    tampered[0].bytes = Buffer.from(tampered[0].bytes.subarray(0, tampered[0].bytes.length - 1));
    await publishChunks(tampered);
    // 3. Not a checkpoint at all.
    await publishChunks(
      chunkSnapshot(Buffer.from('not a checkpoint'), { modelId: 'tmrm', version: 'tmrm-v9003' }),
    );

    await waitUntil(
      'both scorers to reject the three snapshots',
      async () => {
        const all = await Promise.all(ports.scorers.map(health));
        return all.every(
          (h, i) => h?.snapshotsRejected === (before[i]?.snapshotsRejected ?? 0) + 3,
        );
      },
      30_000,
    );
    // The trainer may publish a newer good snapshot meanwhile; a corrupt one never serves.
    const after = await Promise.all(ports.scorers.map(health));
    for (const h of after) {
      t.truthy(h?.modelVersion, 'a model keeps serving');
      t.notRegex(String(h?.modelVersion), /v900\d/);
    }
    await ask('after-corrupt');
    await waitUntil('the request answered', () => answers.some((a) => a.requestId === 'after-corrupt'), 30_000); // prettier-ignore
    const reply = answers.find((a) => a.requestId === 'after-corrupt');
    t.is(reply?.error, null);
    t.notRegex(reply?.modelVersion ?? '', /tmrm-v900/);

    // A trainer restoring from the topic alone skips the corrupt snapshots for the good one.
    const trainerPort = await freePort();
    const emptyFolder = await mkdtemp(join(tmpdir(), 'tmrm-faults-restore-'));
    directories.push(emptyFolder);
    const restorer = startApp(
      'trainer',
      trainerArgs({
        group: `${group}-restore`,
        port: trainerPort,
        checkpointDirectory: emptyFolder,
      }),
      env,
    );
    children.push(restorer);
    const trained = (await health(ports.trainer))?.eventsTrained;
    await waitUntil(
      'the second trainer to restore',
      async () => (await health(trainerPort))?.state === 'running',
      90_000,
    );
    t.is((await health(trainerPort))?.eventsTrained, trained, 'warm start from the good snapshot');
    restorer.kill('SIGTERM');
    await exited(restorer);
  },
);

test.serial('a scorer killed while requests flow: the other answers every request', async (t) => {
  let sending = true;
  const sent: string[] = [];
  const flow = (async () => {
    for (let i = 0; sending; i++) {
      const requestId = `flow-${i}`;
      await ask(requestId, `u${i % 100}`);
      sent.push(requestId);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  await waitUntil('both scorers answering', async () => {
    const all = await Promise.all(ports.scorers.map(health));
    return all.every((h) => (h?.requests ?? 0) > 2);
  }, 30_000); // prettier-ignore

  const [victim, survivor] = scorers;
  victim.kill('SIGKILL');
  await exited(victim);
  const killedAt = sent.length;
  t.log(`scorer 1 killed after ${killedAt} requests`);
  await waitUntil('20 more requests sent', () => sent.length >= killedAt + 20, 30_000);
  sending = false;
  await flow;

  await waitUntil(
    'every request answered',
    () => {
      const ids = new Set(answers.map((a) => a.requestId));
      return sent.every((id) => ids.has(id));
    },
    60_000,
  );
  const counts = new Map<string, number>();
  for (const { requestId } of answers) counts.set(requestId, (counts.get(requestId) ?? 0) + 1);
  const duplicates = sent.filter((id) => (counts.get(id) ?? 0) > 1);
  t.log(`${sent.length} requests; ${duplicates.length} answered twice (same request id)`);
  t.true(
    sent.every((id) => (counts.get(id) ?? 0) >= 1),
    'every request answered at least once',
  );
  t.true(
    answers.filter((a) => a.requestId.startsWith('flow-')).every((a) => a.error === null),
    'no error replies',
  );
  t.is(survivor.exitCode, null);
  t.is((await health(ports.scorers[1]))?.state, 'running');
});
