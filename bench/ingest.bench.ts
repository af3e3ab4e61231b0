/**
 * Ingest speed of the online trainer, in three parts:
 *
 * 1. `decodeFeaturizeLeafEncode`: interaction records (Avro bytes) through decode, label,
 *    profile join, featurize (with the recent-behaviour counters the trainer keeps, so without
 *    co-occurrence counts) and GBDT leaf encoding in batches of 512 (30 trees of depth 3, the
 *    trainer's defaults), in process. Goal: 50,000 events/s or more.
 * 2. `trainer`: OnlineTrainer's sustained samples/s at mini-batch 512 after its cold start
 *    (leaf-encode, progressive-validation scoring and the TMRM training step).
 * 3. `endToEnd`: events/s from the interactions topic of the broker of KAFKA_BROKERS through
 *    the whole TrainerRuntime (decode, featurize, leaf encode, train at batch 512), from start
 *    to the last event trained, cold start included.
 *
 *   npm run bench -- ingest [--events N (100000)] [--train-batches N (8)] [--e2e-events N (8000)]
 *
 * Data: the synthetic generator (2,000 users, 500 items, seed 1). Topics get a random prefix
 * and are deleted afterwards. Numbers are wall-clock and per CPU-second of this process: on an
 * oversubscribed machine the CPU-second figures estimate what an idle core would do.
 */
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { bufferCount, from, lastValueFrom, map, tap } from 'rxjs';
import { silentLogger } from '@tmrm/common';
import { createSyntheticDataset } from '@tmrm/datasets';
import { createKafka, ensureTopics, topicCatalogue } from '@tmrm/kafka';
import { activeBackend, selectBackend } from '@tmrm/model';
import { codecFor } from '@tmrm/schemas';
import {
  featurize,
  joinProfiles,
  labelEvents,
  LeafEncoding,
  OnlineTrainer,
  ProfileStore,
  publishEvents,
  publishProfiles,
  RecentBehaviour,
  syntheticEvents,
  TrainerRuntime,
  type FeaturizedEvent,
} from '@tmrm/streaming';

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) =>
  args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback;
const eventCount = flag('--events', 100_000);
const trainBatches = flag('--train-batches', 8);
const e2eEvents = flag('--e2e-events', 8_000);
const BATCH = 512;
const COLD_START = 2_000;
const progress = (line: string) => process.stderr.write(`[ingest bench] ${line}\n`);

await selectBackend({ logger: silentLogger });
const dataset = createSyntheticDataset({ users: 2_000, items: 500, events: eventCount, seed: 1 });
const events = [...syntheticEvents(dataset)];
const store = new ProfileStore();
for (const profile of dataset.world.userProfiles)
  store.apply({ kind: 'user', key: profile.userId, profile });
for (const profile of dataset.world.itemProfiles)
  store.apply({ kind: 'item', key: profile.itemId, profile });
const codec = codecFor('InteractionEvent');
const records = events.map((event) => codec.encode(event));

/** Records through decode, label, join and featurize, as the trainer's pipeline runs them. */
function featurized(bytes: Buffer[]) {
  const behaviour = new RecentBehaviour({ coOccurrence: false }); // as TrainerRuntime keeps it
  return from(bytes).pipe(
    map((value, offset) => ({
      event: codec.decode(value),
      source: { topic: 'interactions', partition: 0, offset: String(offset) },
    })),
    labelEvents(),
    joinProfiles({ store }),
    featurize({ behaviour }),
  );
}

/** Milliseconds and CPU milliseconds of `work`. */
async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await work();
  const used = process.cpuUsage(cpu);
  return { result, ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}

const rate = (count: number, ms: number) => Math.round((count / ms) * 1000);

// 1. Decode, featurize, leaf-encode.
const warm: FeaturizedEvent[] = [];
await lastValueFrom(featurized(records.slice(0, COLD_START)).pipe(tap((x) => warm.push(x))));
const encoding = await LeafEncoding.fit(
  warm.map((x) => x.sample),
  'g1',
  { trees: 30, maxDepth: 3 },
);
progress(`GBDT of ${encoding.leafCount} leaves; timing ${records.length} records`);
const ingest = await timed(() =>
  lastValueFrom(
    featurized(records).pipe(
      bufferCount(BATCH),
      tap((batch) => encoding.encode(batch.map((x) => x.sample))),
    ),
  ),
);

// 2. The trainer's sustained training speed at batch 512.
const trainer = new OnlineTrainer({ coldStartSamples: COLD_START, logger: silentLogger });
const trainOn: FeaturizedEvent[] = [];
await lastValueFrom(
  featurized(records.slice(0, COLD_START + (trainBatches + 1) * BATCH)).pipe(
    tap((x) => trainOn.push(x)),
  ),
);
progress('trainer cold start');
await trainer.train(trainOn.slice(0, COLD_START));
await trainer.train(trainOn.slice(COLD_START, COLD_START + BATCH)); // warm-up batch
const rest = trainOn.slice(COLD_START + BATCH);
progress(`training ${trainBatches} batches of ${BATCH}`);
const training = await timed(async () => {
  for (let b = 0; b < trainBatches; b++)
    await trainer.train(rest.slice(b * BATCH, (b + 1) * BATCH));
});
const samplesTrained = trainBatches * BATCH;

// 3. End to end from the interactions topic.
const endToEnd = await measureEndToEnd();

console.log(
  JSON.stringify({
    benchmark: 'ingest',
    backend: activeBackend(),
    decodeFeaturizeLeafEncode: {
      events: records.length,
      trees: 30,
      eventsPerSecond: rate(records.length, ingest.ms),
      eventsPerCpuSecond: rate(records.length, ingest.cpuMs),
      goalEventsPerSecond: 50_000,
    },
    trainer: {
      batchSize: BATCH,
      samples: samplesTrained,
      samplesPerSecond: rate(samplesTrained, training.ms),
      samplesPerCpuSecond: rate(samplesTrained, training.cpuMs),
    },
    endToEnd,
    cpus: cpus().length,
    loadAverage1m: loadavg()[0],
  }),
);

async function measureEndToEnd() {
  const prefix = `bench-ingest-${randomUUID().slice(0, 8)}.`;
  const specs = topicCatalogue({ prefix, interactionPartitions: 1 });
  const topic = (logical: string) => `${prefix}${logical}`;
  const kafka = createKafka();
  const admin = kafka.admin();
  const producer = kafka.producer({ idempotent: true });
  await admin.connect();
  await ensureTopics(admin, specs);
  let runtime: TrainerRuntime | null = null;
  try {
    await producer.connect();
    await publishProfiles({
      producer,
      dataset,
      userTopic: topic('user-profiles'),
      itemTopic: topic('item-profiles'),
    });
    await publishEvents({
      producer,
      topic: topic('interactions'),
      events: events.slice(0, e2eEvents),
    });
    progress(`end to end: ${e2eEvents} events on the topic; starting the trainer`);
    runtime = new TrainerRuntime({
      kafka,
      topics: {
        interactions: topic('interactions'),
        userProfiles: topic('user-profiles'),
        itemProfiles: topic('item-profiles'),
        models: topic('models'),
      },
      groupId: `bench-ingest-${randomUUID().slice(0, 8)}`,
      batchSize: BATCH,
      checkpointEveryBatches: 1_000_000,
      checkpointEveryMs: 3_600_000,
      trainer: { coldStartSamples: COLD_START },
    });
    const started = runtime;
    const run = await timed(async () => {
      await started.start();
      while (started.status().eventsTrained < e2eEvents)
        await new Promise((resolve) => setTimeout(resolve, 100));
    });
    return {
      events: e2eEvents,
      batchSize: BATCH,
      coldStartSamples: COLD_START,
      seconds: Math.round(run.ms / 100) / 10,
      eventsPerSecond: rate(e2eEvents, run.ms),
      eventsPerCpuSecond: rate(e2eEvents, run.cpuMs),
    };
  } finally {
    await runtime?.stop();
    await producer.disconnect();
    await admin.deleteTopics({ topics: specs.map((spec) => spec.name) }).catch(() => undefined);
    await admin.disconnect();
  }
}
process.exit(0); // kafkajs may leave retry timers behind
