/**
 * Scorer speed from the request topic to the recommendation topic: a `tmrm-scorer` process
 * serving a model trained here, asked for the top 10 of 100 candidates with explanations
 * (3 feature paths per item). Latency is measured by this process, from just before a request
 * is produced to the arrival of its recommendation, so it includes both Kafka hops.
 *
 * - `latency`: requests one at a time, each sent once the previous is answered (p50, p99).
 *   To tell waiting from work it also gives, per request: `inMs`, request sent to reply
 *   created (the reply's createdAtMs; whole milliseconds, one clock), `outMs`, reply created
 *   to arrival here; the scorer's own quantiles from its /healthz (`computeMs`: decode to
 *   reply encoded, in process; `replyMs`: to the reply acknowledged by the broker); and the
 *   scorer process's CPU milliseconds per request (/proc).
 * - `paced`: requests sent at a steady rate whatever the replies do, as independent clients
 *   would (p50, p99): here a request can arrive while the scorer is still busy with the one
 *   before, so waits inside the scorer between requests show up.
 * - `throughput`: a burst of requests sent at once; requests/s until the last is answered,
 *   and the scorer's CPU milliseconds per request.
 *
 *   npm run bench -- scorer [--requests N (1000)] [--rate PER_S (50)] [--burst N (1000)]
 *
 * Goal: p99 under 50 ms. The broker is KAFKA_BROKERS' (the local one by default); topics get a
 * random prefix and are deleted afterwards.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
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
const requestCount = flag('--requests', 1_000);
const burst = flag('--burst', 1_000);
const rate = flag('--rate', 50);
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
const replies = kafka.consumer({
  groupId: `bench-scorer-replies-${randomUUID()}`,
  maxWaitTimeInMs: 100,
});
await admin.connect();
await ensureTopics(admin, specs);
await producer.connect();
const itemIds = dataset.world.itemProfiles.map((p) => p.itemId).slice(0, CANDIDATES);
const userIds = dataset.world.userProfiles.map((p) => p.userId);
const statusPort = await freePort();
const scorer = spawn(
  process.execPath,
  [
    fileURLToPath(new URL('../apps/scorer/bin/tmrm-scorer.js', import.meta.url)),
    ...['--group', `bench-scorer-${randomUUID().slice(0, 8)}`, '--port', String(statusPort)],
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

  const arrived = new Map<
    string,
    { atMs: number; wallMs: number; createdAtMs: number; error: string | null; items: number }
  >();
  let wake: (() => void) | null = null;
  await replies.connect();
  await replies.subscribe({ topic: topic('recommendations'), fromBeginning: true });
  // No offsets to keep for a throwaway group: without autoCommit, kafkajs does not wait for
  // an OffsetCommit round trip between a reply and the next fetch.
  await replies.run({
    autoCommit: false,
    eachMessage: async ({ message }) => {
      const reply = recommendationCodec.decode(message.value ?? Buffer.alloc(0));
      const paths = reply.items.reduce((sum, item) => sum + item.explanation.length, 0);
      arrived.set(reply.requestId, {
        atMs: performance.now(),
        wallMs: Date.now(),
        createdAtMs: Number(reply.createdAtMs),
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
  const inMs: number[] = [];
  const outMs: number[] = [];
  let explained = 0;
  const scorerCpu = scorerCpuMs();
  for (let i = 0; i < requestCount; i++) {
    const requestId = `lat-${i}`;
    const sentAt = performance.now();
    const sentWallMs = Date.now();
    await producer.send({ topic: topic('recommendation-requests'), messages: [message(requestId, i)] }); // prettier-ignore
    await answered(requestId, 30_000);
    const reply = arrived.get(requestId);
    latencies.push((reply?.atMs ?? Infinity) - sentAt);
    inMs.push((reply?.createdAtMs ?? Infinity) - sentWallMs);
    outMs.push((reply?.wallMs ?? Infinity) - (reply?.createdAtMs ?? 0));
    if (reply?.items === K && reply.error === null) explained += 1;
  }
  const latencyCpuMs = scorerCpuMs() - scorerCpu;
  const health = (await (await fetch(`http://127.0.0.1:${statusPort}/healthz`)).json()) as Record<
    string,
    number | null
  >;

  progress(`paced: ${requestCount} requests at ${rate}/s`);
  const pacedSent = new Map<string, number>();
  const pacedSends: Promise<unknown>[] = [];
  const pacedStart = performance.now();
  const pacedScorerCpu = scorerCpuMs();
  for (let i = 0; i < requestCount; i++) {
    const due = pacedStart + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const requestId = `paced-${i}`;
    pacedSent.set(requestId, performance.now());
    pacedSends.push(producer.send({ topic: topic('recommendation-requests'), messages: [message(requestId, i)] })); // prettier-ignore
  }
  await Promise.all(pacedSends);
  await answered(`paced-${requestCount - 1}`, 300_000);
  while (![...pacedSent.keys()].every((id) => arrived.has(id))) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const pacedCpuMs = scorerCpuMs() - pacedScorerCpu;
  const paced = [...pacedSent].map(([id, sentAt]) => (arrived.get(id)?.atMs ?? Infinity) - sentAt);

  progress(`throughput: a burst of ${burst} requests`);
  const cpu = process.cpuUsage();
  const burstScorerCpu = scorerCpuMs();
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
  const burstCpuMs = scorerCpuMs() - burstScorerCpu;

  console.log(
    JSON.stringify({
      benchmark: 'scorer',
      candidates: CANDIDATES,
      k: K,
      pathsPerItem: 3,
      latency: {
        requests: requestCount,
        explainedReplies: explained,
        p50Ms: quantile(latencies, 0.5),
        p99Ms: quantile(latencies, 0.99),
        maxMs: quantile(latencies, 1),
        goalP99Ms: 50,
        inMs: { p50: quantile(inMs, 0.5), p99: quantile(inMs, 0.99) },
        outMs: { p50: quantile(outMs, 0.5), p99: quantile(outMs, 0.99) },
        scorer: {
          computeMs: { p50: tenth(health.computeP50Ms), p99: tenth(health.computeP99Ms) },
          replyMs: { p50: tenth(health.latencyP50Ms), p99: tenth(health.latencyP99Ms) },
          cpuMsPerRequest: Math.round((latencyCpuMs / requestCount) * 100) / 100,
        },
      },
      paced: {
        requests: requestCount,
        requestsPerSecond: rate,
        p50Ms: quantile(paced, 0.5),
        p99Ms: quantile(paced, 0.99),
        maxMs: quantile(paced, 1),
        scorerCpuMsPerRequest: Math.round((pacedCpuMs / requestCount) * 100) / 100,
      },
      throughput: {
        requests: burst,
        seconds: Math.round(burstMs / 100) / 10,
        requestsPerSecond: Math.round((burst / burstMs) * 1000),
        scorerCpuMsPerRequest: Math.round((burstCpuMs / burst) * 100) / 100,
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

/** The q-quantile (nearest rank below) of `values`, to 0.1 ms. */
function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] * 10) / 10;
}

/** A number to 0.1, or null. */
function tenth(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10) / 10;
}

/** A port free right now on 127.0.0.1, for the scorer's /healthz. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port assigned');
  return address.port;
}

/** User + system CPU milliseconds of the scorer process so far (Linux /proc; clock ticks). */
function scorerCpuMs(): number {
  const fields = readFileSync(`/proc/${scorer.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // After the command: state is field 3, utime 14 and stime 15 (1-based), in 1/100 s ticks.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
