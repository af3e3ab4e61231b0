import { type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { createSyntheticDataset } from '@tmrm/datasets';
import { createKafka, DEAD_LETTER_HEADERS, ensureTopics, topicCatalogue } from '@tmrm/kafka';
import {
  codecFor,
  defaultSchemaCatalog,
  writeSingleObject,
  type InteractionEvent,
  type Recommendation,
  type RecommendationRequest,
  type RecordTypeName,
} from '@tmrm/schemas';
import { publishEvents, publishProfiles, syntheticEvents } from '@tmrm/streaming';
import { exited, freePort, health, startApp, trainerArgs, waitUntil } from './support';

// Every kind of bad record, fed to a real trainer and scorer on the real broker, ends either in
// the dead-letter topic (headers naming the error and the source topic, partition and offset)
// or in a clear error reply; valid records around them, including ones for users and items
// nobody has seen (cold start, not errors), are trained and answered, and both apps go on.

const eventCodec = codecFor('InteractionEvent');
const requestCodec = codecFor('RecommendationRequest');
const recommendationCodec = codecFor('Recommendation');

/** Avro single-object bytes written without validation, as a foreign producer could. */
function unvalidated(recordType: RecordTypeName, value: unknown): Buffer {
  const writer = defaultSchemaCatalog().current(recordType);
  return writeSingleObject(writer.fingerprintBytes, writer.type.toBuffer(value));
}

function withUnknownFingerprint(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes);
  for (let i = 2; i < 10; i++) copy[i] ^= 0x5a;
  return copy;
}

function request(overrides: Partial<RecommendationRequest>): RecommendationRequest {
  return {
    requestId: `q-${randomUUID().slice(0, 8)}`,
    userId: 'u1',
    k: 5,
    candidateItemIds: null,
    context: null,
    requestedAtMs: Date.now(),
    ...overrides,
  };
}

test('bad records are dead-lettered or answered with an error; the apps keep going', async (t) => {
  const prefix = `tmrm-faults-${randomUUID().slice(0, 8)}.`;
  const specs = topicCatalogue({ prefix, interactionPartitions: 2 });
  const topic = (logical: string) => `${prefix}${logical}`;
  const kafka = createKafka();
  const admin = kafka.admin();
  const producer = kafka.producer({ idempotent: true });
  const replies = kafka.consumer({ groupId: `tmrm-faults-replies-${randomUUID()}` });
  const letters = kafka.consumer({ groupId: `tmrm-faults-letters-${randomUUID()}` });
  const directory = await mkdtemp(join(tmpdir(), 'tmrm-faults-bad-'));
  const children: ChildProcess[] = [];
  t.teardown(async () => {
    for (const child of children) child.kill('SIGKILL');
    await Promise.all(children.map(exited));
    await Promise.allSettled([replies.disconnect(), letters.disconnect(), producer.disconnect()]);
    await admin.deleteTopics({ topics: specs.map((spec) => spec.name) }).catch(() => undefined);
    await admin.disconnect();
    await rm(directory, { recursive: true, force: true });
  });

  await admin.connect();
  await ensureTopics(admin, specs);
  await producer.connect();
  const dataset = createSyntheticDataset({ users: 100, items: 60, events: 1_600, seed: 9 });
  const events = [...syntheticEvents(dataset)];
  await publishProfiles({
    producer,
    dataset,
    userTopic: topic('user-profiles'),
    itemTopic: topic('item-profiles'),
  });

  const env = { TMRM_TOPIC_PREFIX: prefix, TMRM_LOG_LEVEL: 'warn' };
  const [trainerPort, scorerPort] = [await freePort(), await freePort()];
  const group = `tmrm-faults-${randomUUID().slice(0, 8)}`;
  const trainer = startApp(
    'trainer',
    trainerArgs({ group, port: trainerPort, checkpointDirectory: directory }),
    env,
  );
  const scorer = startApp('scorer', ['--group', `${group}-s`, '--port', String(scorerPort)], env);
  children.push(trainer, scorer);

  // Interactions: bad records between valid ones, and valid events of unknown users and items.
  const good = eventCodec.encode(events[0]);
  const nanEvent = {
    ...events[1],
    context: { categorical: {}, numeric: { hour: NaN }, multi: {} },
  };
  const infinityEvent = { ...events[2], value: Infinity };
  const badEvents = [
    { kind: 'truncated Avro', value: good.subarray(0, Math.floor(good.length / 2)) },
    { kind: 'unknown fingerprint', value: withUnknownFingerprint(good) },
    { kind: 'NaN feature', value: unvalidated('InteractionEvent', nanEvent) },
    { kind: 'Infinity value', value: unvalidated('InteractionEvent', infinityEvent) },
  ];
  const strangers: InteractionEvent[] = [0, 1, 2].map((i) => ({
    ...events[i],
    eventId: `stranger-${i}`,
    userId: `never-seen-user-${i}`,
    itemId: `never-seen-item-${i}`,
  }));
  await publishEvents({ producer, topic: topic('interactions'), events: events.slice(0, 800) });
  await producer.send({
    topic: topic('interactions'),
    acks: -1,
    messages: badEvents.map(({ value }, i) => ({ key: `u${i}`, value })),
  });
  await publishEvents({
    producer,
    topic: topic('interactions'),
    events: [...strangers, ...events.slice(800)],
  });
  const produced = events.length + strangers.length;

  await waitUntil(
    'the trainer to train every valid event',
    async () => (await health(trainerPort))?.eventsTrained === produced,
    150_000,
  );
  const trainerHealth = await health(trainerPort);
  t.is(trainerHealth?.badRecords, badEvents.length, 'each bad interaction counted once');
  t.is(trainerHealth?.state, 'running');
  await waitUntil(
    'the scorer to load a model',
    async () => Boolean((await health(scorerPort))?.modelVersion),
    60_000,
  );

  // Requests: readable ones always get a reply; unreadable ones become dead letters.
  const answers = new Map<string, Recommendation>();
  await replies.connect();
  await replies.subscribe({ topic: topic('recommendations'), fromBeginning: true });
  await replies.run({
    eachMessage: async ({ message }) => {
      const reply = recommendationCodec.decode(message.value ?? Buffer.alloc(0));
      answers.set(reply.requestId, reply);
    },
  });
  const itemIds = [...new Set(events.slice(0, 50).map((event) => event.itemId))];
  const known = request({ userId: events[5].userId, candidateItemIds: itemIds });
  const coldStart = request({
    userId: 'never-seen-user-9',
    k: 2,
    candidateItemIds: ['never-seen-item-9', 'never-seen-item-10', events[5].itemId],
  });
  const hugeK = request({ k: 1_000_000 });
  const manyCandidates = request({
    candidateItemIds: Array.from({ length: 100_000 }, (_, i) => `i${i}`),
  });
  const last = request({ userId: events[6].userId, candidateItemIds: itemIds });
  const goodRequest = requestCodec.encode(request({}));
  const badRequests = [
    { kind: 'truncated Avro', value: goodRequest.subarray(0, goodRequest.length - 7) },
    { kind: 'unknown fingerprint', value: withUnknownFingerprint(goodRequest) },
    {
      kind: 'NaN context',
      value: unvalidated('RecommendationRequest', {
        ...request({}),
        context: { categorical: {}, numeric: { hour: NaN }, multi: {} },
      }),
    },
  ];
  const send = (value: Buffer) =>
    producer.send({
      topic: topic('recommendation-requests'),
      acks: -1,
      messages: [{ key: 'u1', value }],
    });
  for (const readable of [known, coldStart, hugeK, manyCandidates]) {
    await send(codecFor('RecommendationRequest', { limits: unlimited }).encode(readable));
  }
  for (const { value } of badRequests) await send(value);
  await send(requestCodec.encode(last));

  await waitUntil('every readable request answered', () => answers.has(last.requestId), 60_000);
  t.is(answers.get(known.requestId)?.error, null);
  t.true((answers.get(known.requestId)?.items.length ?? 0) > 0);
  const cold = answers.get(coldStart.requestId);
  t.is(cold?.error, null, 'unknown user and items are ranked with cold-start features');
  t.is(cold?.items.length, 2);
  t.regex(answers.get(hugeK.requestId)?.error ?? '', /k = 1000000: must be an integer in 1\.\.100/);
  t.deepEqual(answers.get(hugeK.requestId)?.items, []);
  t.regex(
    answers.get(manyCandidates.requestId)?.error ?? '',
    /candidateItemIds has 100000 items: at most 1000/,
  );
  t.is(answers.get(last.requestId)?.error, null, 'the scorer goes on after bad requests');

  // Dead letters: one per unreadable record, each saying what failed and where it came from.
  const deadLetters: Record<string, string>[] = [];
  await letters.connect();
  await letters.subscribe({ topic: topic('dead-letters'), fromBeginning: true });
  await letters.run({
    eachMessage: async ({ message }) => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(message.headers ?? {}))
        headers[name] = String(value);
      deadLetters.push(headers);
    },
  });
  const expected = badEvents.length + badRequests.length;
  await waitUntil('every dead letter', () => deadLetters.length >= expected, 30_000);
  const H = DEAD_LETTER_HEADERS;
  const from = (source: string) => deadLetters.filter((h) => h[H.sourceTopic] === topic(source));
  t.is(from('interactions').length, badEvents.length);
  t.is(from('recommendation-requests').length, badRequests.length);
  for (const headers of deadLetters) {
    t.regex(headers[H.errorClass], /^(DecodeError|ValidationError)$/);
    t.regex(headers[H.sourcePartition], /^\d+$/);
    t.regex(headers[H.sourceOffset], /^\d+$/);
  }
  const errors = deadLetters.map((h) => h[H.error]).join('\n');
  t.regex(errors, /does not parse/, 'the truncated record');
  t.regex(errors, /unknown writer schema fingerprint/);
  t.regex(errors, /context\.numeric\.hour: must be a finite number \(got NaN\)/);
  t.regex(errors, /value: must be a finite number \(got Infinity\)/);
  t.is((await health(trainerPort))?.state, 'running');
  t.is((await health(scorerPort))?.state, 'running');
});

/** Limits that let the test write oversized requests a strict client would refuse. */
const unlimited = { maxK: 2 ** 31 - 1, maxCandidates: 1_000_000 };
