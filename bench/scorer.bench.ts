/**
 * Scorer speed from the request topic to the recommendation topic: a `tmrm-scorer` process
 * serving a model trained here, asked for the top 10 of 100 candidates with explanations
 * (3 feature paths per item). Latency is measured by this process, from just before a request
 * is produced to the arrival of its recommendation, so it includes both Kafka hops.
 *
 * - `latency`: requests one at a time, each sent once the previous is answered (p50, p99).
 * - `throughput`: a burst of requests sent at once; requests/s until the last is answered.
 *
 *   npm run bench -- scorer [--requests N (300)] [--burst N (1000)]
 *
 * Goal: p99 under 50 ms. The broker is KAFKA_BROKERS' (the local one by default); topics get a
 * random prefix and are deleted afterwards.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { silentLogger } from '@tmrm/common';
import { createSyntheticDataset } from '@tmrm/datasets';
import { createKafka, ensureTopics, topicCatalogue } from '@tmrm/kafka';
import { selectBackend } from '@tmrm/model';
import { codecFor } from '@tmrm/schemas';
import {
  encodeCheckpoint,
  featurize,
  joinProfiles,
  labelEvents,
  OnlineTrainer,
  ProfileStore,
  publishProfiles,
  publishSnapshot,
  RecentBehaviour,
  syntheticEvents,
  type FeaturizedEvent,
} from '@tmrm/streaming';
import { from, lastValueFrom, tap } from 'rxjs';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) =>
  args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback;
const requestCount = flag('--requests', 300);
const burst = flag('--burst', 1_000);
const CANDIDATES = 100;
const K = 10;
const progress = (line: string) => process.stderr.write(`[scorer bench] ${line}\n`);
const requestCodec = codecFor('RecommendationRequest');
const recommendationCodec = codecFor('Recommendation');

// A model trained on the synthetic stream: cold start, then a few online batches.
await selectBackend({ logger: silentLogger });
const dataset = createSyntheticDataset({ users: 1_000, items: 400, events: 6_000, seed: 2 });
const events = [...syntheticEvents(dataset)];
const store = new ProfileStore();
for (const profile of dataset.world.userProfiles)
  store.apply({ kind: 'user', key: profile.userId, profile });
for (const profile of dataset.world.itemProfiles)
  store.apply({ kind: 'item', key: profile.itemId, profile });
const samples: FeaturizedEvent[] = [];
await lastValueFrom(
  from(events.map((event) => ({ event }))).pipe(
    labelEvents(),
    joinProfiles({ store }),
    featurize({ behaviour: new RecentBehaviour() }),
    tap((x) => samples.push(x)),
  ),
);
const trainer = new OnlineTrainer({ coldStartSamples: 2_000, logger: silentLogger });
for (let start = 0; start < samples.length; start += 512)
  await trainer.train(samples.slice(start, start + 512));
progress(`model trained on ${trainer.eventsTrained} events`);

const prefix = `bench-scorer-${randomUUID().slice(0, 8)}.`;
const specs = topicCatalogue({ prefix, interactionPartitions: 2 });
const topic = (logical: string) => `${prefix}${logical}`;
const kafka = createKafka();
const admin = kafka.admin();
const producer = kafka.producer({ idempotent: true });
const replies = kafka.consumer({ groupId: `bench-scorer-replies-${randomUUID()}` });
await admin.connect();
await ensureTopics(admin, specs);
await producer.connect();
const itemIds = dataset.world.itemProfiles.map((p) => p.itemId).slice(0, CANDIDATES);
const userIds = dataset.world.userProfiles.map((p) => p.userId);
const scorer = spawn(
  process.execPath,
  [
    fileURLToPath(new URL('../apps/scorer/bin/tmrm-scorer.js', import.meta.url)),
    ...['--group', `bench-scorer-${randomUUID().slice(0, 8)}`, '--port', '0'],
  ],
  { env: { ...process.env, TMRM_TOPIC_PREFIX: prefix, TMRM_LOG_LEVEL: 'warn' }, stdio: 'ignore' },
);

try {
  await publishProfiles({
    producer,
    dataset,
    userTopic: topic('user-profiles'),
    itemTopic: topic('item-profiles'),
  });
  const checkpoint = trainer.checkpoint();
  await publishSnapshot({
    producer,
    topic: topic('models'),
    modelId: checkpoint.header.modelId,
    version: checkpoint.header.snapshotVersion,
    bytes: encodeCheckpoint(checkpoint),
  });

  const arrived = new Map<string, { atMs: number; error: string | null; items: number }>();
  let wake: (() => void) | null = null;
  await replies.connect();
  await replies.subscribe({ topic: topic('recommendations'), fromBeginning: true });
  await replies.run({
    eachMessage: async ({ message }) => {
      const reply = recommendationCodec.decode(message.value ?? Buffer.alloc(0));
      const paths = reply.items.reduce((sum, item) => sum + item.explanation.length, 0);
      arrived.set(reply.requestId, {
        atMs: performance.now(),
        error: reply.error,
        items: paths > 0 ? reply.items.length : 0,
      });
      wake?.();
    },
  });
  const message = (requestId: string, i: number) => {
    const userId = userIds[i % userIds.length];
    const value = requestCodec.encode({
      requestId,
      userId,
      k: K,
      candidateItemIds: itemIds,
      context: null,
      requestedAtMs: Date.now(),
    });
    return { key: userId, value };
  };
  const answered = (requestId: string, timeoutMs: number) =>
    new Promise<void>((resolve, reject) => {
      const deadline = setTimeout(() => reject(new Error(`${requestId} unanswered`)), timeoutMs);
      const check = () => {
        if (!arrived.has(requestId)) return;
        clearTimeout(deadline);
        wake = null;
        resolve();
      };
      wake = check;
      check();
    });

  // Wait until the scorer serves the model (a reply without error), then warm up.
  progress('waiting for the scorer to serve the model');
  for (let attempt = 0; ; attempt++) {
    const requestId = `ready-${attempt}`;
    await producer.send({ topic: topic('recommendation-requests'), messages: [message(requestId, 0)] }); // prettier-ignore
    await answered(requestId, 120_000);
    if (arrived.get(requestId)?.error === null) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  for (let i = 0; i < 30; i++) {
    await producer.send({ topic: topic('recommendation-requests'), messages: [message(`warm-${i}`, i)] }); // prettier-ignore
    await answered(`warm-${i}`, 30_000);
  }

  progress(`latency: ${requestCount} requests one at a time`);
  const latencies: number[] = [];
  let explained = 0;
  for (let i = 0; i < requestCount; i++) {
    const requestId = `lat-${i}`;
    const sentAt = performance.now();
    await producer.send({ topic: topic('recommendation-requests'), messages: [message(requestId, i)] }); // prettier-ignore
    await answered(requestId, 30_000);
    const reply = arrived.get(requestId);
    latencies.push((reply?.atMs ?? Infinity) - sentAt);
    if (reply?.items === K && reply.error === null) explained += 1;
  }
  latencies.sort((a, b) => a - b);
  const quantile = (q: number) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] * 10) /
    10;

  progress(`throughput: a burst of ${burst} requests`);
  const cpu = process.cpuUsage();
  const burstStart = performance.now();
  const ids = Array.from({ length: burst }, (_, i) => `burst-${i}`);
  for (let start = 0; start < burst; start += 100) {
    await producer.send({
      topic: topic('recommendation-requests'),
      messages: ids.slice(start, start + 100).map((id, i) => message(id, start + i)),
    });
  }
  await answered(ids[ids.length - 1], 300_000);
  while (!ids.every((id) => arrived.has(id))) await new Promise((r) => setTimeout(r, 20));
  const burstMs = performance.now() - burstStart;
  const clientCpu = process.cpuUsage(cpu);

  console.log(
    JSON.stringify({
      benchmark: 'scorer',
      candidates: CANDIDATES,
      k: K,
      pathsPerItem: 3,
      latency: {
        requests: requestCount,
        explainedReplies: explained,
        p50Ms: quantile(0.5),
        p99Ms: quantile(0.99),
        maxMs: Math.round(latencies[latencies.length - 1]),
        goalP99Ms: 50,
      },
      throughput: {
        requests: burst,
        seconds: Math.round(burstMs / 100) / 10,
        requestsPerSecond: Math.round((burst / burstMs) * 1000),
        benchClientCpuMs: Math.round((clientCpu.user + clientCpu.system) / 1000),
      },
      cpus: cpus().length,
      loadAverage1m: loadavg()[0],
    }),
  );
} finally {
  scorer.kill('SIGTERM');
  await Promise.allSettled([replies.disconnect(), producer.disconnect()]);
  await admin.deleteTopics({ topics: specs.map((spec) => spec.name) }).catch(() => undefined);
  await admin.disconnect();
}
process.exit(0); // kafkajs may leave retry timers behind
