import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDataset } from '@tmrm/datasets';
import {
  createKafka,
  ensureTopics,
  topicCatalogue,
  topicName,
  type LogicalTopic,
} from '@tmrm/kafka';
import { replayDataset } from '../apps/cli/src/datasets/replay/replay-dataset';

/**
 * `npm run bench -- replay [ML100K_DIR] [--batch-size N] [--acks all|leader]
 * [--requests-per-batch N]`
 *
 * Replays ml-100k (943 user and 1,682 item profiles, then 100,000 ratings in time order) with
 * `--max` to the broker of KAFKA_BROKERS (the local one by default), into topics with a random
 * prefix that are deleted afterwards. Reports events/s of the event phase (goal >= 50,000);
 * reading and ordering the data set are timed separately.
 */
const args = process.argv.slice(2);
const flag = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const batchSize = Number(flag('--batch-size') ?? 5000);
const acks = (flag('--acks') ?? 'all') as 'all' | 'leader';
const requestsPerBatch = Number(flag('--requests-per-batch') ?? 2);
const positional = args.filter((arg, i) => !arg.startsWith('--') && !args[i - 1]?.startsWith('--'));
const ml100k =
  positional[0] ?? fileURLToPath(new URL('../../shared/datasets/ml-100k', import.meta.url));
if (!existsSync(join(ml100k, 'u.data'))) {
  console.log(
    JSON.stringify({
      benchmark: 'replay',
      skipped: `${ml100k} has no u.data; run tmrm data fetch ml-100k`,
    }),
  );
  process.exit(0);
}

const prefix = `bench-replay-${randomUUID().slice(0, 8)}.`;
const catalogue = topicCatalogue({ prefix }).filter((spec) =>
  ['interactions', 'user-profiles', 'item-profiles'].includes(spec.logical),
);
const name = (logical: LogicalTopic) => topicName(catalogue, logical);
const kafka = createKafka();
const admin = kafka.admin();
await admin.connect();
try {
  await ensureTopics(admin, catalogue);
  const startedMs = performance.now();
  const cpu = process.cpuUsage();
  const summary = await replayDataset({
    kafka,
    reader: openDataset({ dataset: 'ml-100k', path: ml100k }),
    source: { dataset: 'ml-100k', path: ml100k },
    topics: {
      interactions: name('interactions'),
      userProfiles: name('user-profiles'),
      itemProfiles: name('item-profiles'),
    },
    pace: { kind: 'max' },
    batchSize,
    acks,
    requestsPerBatch,
    onProgress: (p) => process.stderr.write(`[replay bench] ${p.position}/${p.end}\n`),
  });
  const totalMs = performance.now() - startedMs;
  const used = process.cpuUsage(cpu);
  console.log(
    JSON.stringify({
      benchmark: 'replay',
      events: summary.eventsSent,
      profiles: summary.usersSent + summary.itemsSent,
      batchSize,
      acks,
      requestsPerBatch,
      sendMs: Math.round(summary.elapsedMs),
      eventsPerSecond: Math.round(summary.eventsPerSecond),
      // Events per CPU-second of this process while sending: on a loaded machine the wall-clock
      // rate mostly measures the other processes; this measures the client's own cost.
      sendCpuMs: Math.round(summary.sendCpuMs),
      eventsPerSendCpuSecond: Math.round((summary.eventsSent / summary.sendCpuMs) * 1000),
      goalEventsPerSecond: 50_000,
      totalMsWithReadingAndSorting: Math.round(totalMs),
      ordering: summary.ordering,
      // CPU of this process only (reading, sorting, encoding, kafkajs); the broker's is extra.
      clientCpuMs: Math.round((used.user + used.system) / 1000),
      loadAverage1m: loadavg()[0],
      referenceLoopMs: referenceLoopMs(),
    }),
  );
} finally {
  await admin.deleteTopics({ topics: catalogue.map((spec) => spec.name) }).catch(() => undefined);
  await admin.disconnect();
}

/** Milliseconds of a fixed loop of 10^7 additions (about 10 ms on an idle modern core). */
function referenceLoopMs(): number {
  const startedMs = performance.now();
  let sum = 0;
  for (let i = 0; i < 1e7; i++) sum += i;
  return sum > 0 ? Math.round(performance.now() - startedMs) : -1;
}
