import { type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { createSyntheticDataset } from '@tmrm/datasets';
import { createKafka, ensureTopics, topicCatalogue } from '@tmrm/kafka';
import { publishEvents, publishProfiles, syntheticEvents } from '@tmrm/streaming';
import { exited, freePort, health, startApp, waitUntil } from './support';

// Backpressure end to end: a trainer made slow on purpose (a GBDT of 100 trees of depth 6, so
// head 2 has thousands of leaves, and small mini-batches) while a producer writes far faster
// than it trains. The trainer reads only as fast as it trains (kafkajs fetches the next batch
// only once the pipeline has drained the last), so the backlog stays on the broker and the
// trainer's heap stays flat instead of growing with it.

const EVENTS = 150_000;
/** Growth of the trainer's live heap allowed while the backlog grows by >100,000 events. */
const MAX_HEAP_GROWTH_MB = 40; // buffering the backlog would take ~1 KiB an event, >100 MiB

async function heapUsedMb(port: number): Promise<number | null> {
  try {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const line = text
      .split('\n')
      .find((l) => l.startsWith('tmrm_trainer_nodejs_heap_size_used_bytes'));
    return line ? Number(line.split(' ')[1]) / 2 ** 20 : null;
  } catch {
    return null;
  }
}

test('a slow trainer reads only as fast as it trains; its heap stays flat', async (t) => {
  const prefix = `tmrm-faults-${randomUUID().slice(0, 8)}.`;
  const specs = topicCatalogue({ prefix, interactionPartitions: 2 });
  const topic = (logical: string) => `${prefix}${logical}`;
  const kafka = createKafka();
  const admin = kafka.admin();
  const producer = kafka.producer({ idempotent: true });
  const directory = await mkdtemp(join(tmpdir(), 'tmrm-faults-bp-'));
  const children: ChildProcess[] = [];
  t.teardown(async () => {
    for (const child of children) child.kill('SIGKILL');
    await Promise.all(children.map(exited));
    await producer.disconnect().catch(() => undefined);
    await admin.deleteTopics({ topics: specs.map((spec) => spec.name) }).catch(() => undefined);
    await admin.disconnect();
    await rm(directory, { recursive: true, force: true });
  });

  await admin.connect();
  await ensureTopics(admin, specs);
  await producer.connect();
  const dataset = createSyntheticDataset({ users: 2_000, items: 300, events: EVENTS, seed: 4 });
  await publishProfiles({
    producer,
    dataset,
    userTopic: topic('user-profiles'),
    itemTopic: topic('item-profiles'),
  });
  const port = await freePort();
  const trainer = startApp(
    'trainer',
    [
      ...['--group', `tmrm-faults-bp-${randomUUID().slice(0, 8)}`, '--port', String(port)],
      ...['--checkpoint-dir', directory, '--checkpoint-every-ms', '600000'],
      ...['--cold-start-samples', '1000', '--batch-size', '64'],
      ...['--trees', '100', '--depth', '6'],
    ],
    { TMRM_TOPIC_PREFIX: prefix, TMRM_LOG_LEVEL: 'warn' },
  );
  children.push(trainer);
  await waitUntil('the trainer running', async () => (await health(port))?.state === 'running', 90_000); // prettier-ignore

  // A first slice gets the trainer past its cold start; then the producer runs far ahead.
  const events = syntheticEvents(dataset);
  const take = function* (count: number) {
    for (let i = 0; i < count; i++) {
      const next = events.next();
      if (next.done) return;
      yield next.value;
    }
  };
  await publishEvents({ producer, topic: topic('interactions'), events: take(2_000) });
  await waitUntil(
    'the cold start over',
    async () => ((await health(port))?.eventsTrained ?? 0) > 1_000,
    120_000,
  );
  const heapBefore = await heapUsedMb(port);
  const trainedBefore = (await health(port))?.eventsTrained ?? 0;
  const samples: number[] = [];
  const sampling = setInterval(() => {
    void heapUsedMb(port).then((mb) => mb !== null && samples.push(mb));
  }, 500);
  const written = 2_000 + (await publishEvents({ producer, topic: topic('interactions'), events }));
  const trainedWritten = (await health(port))?.eventsTrained ?? 0;
  await new Promise((resolve) => setTimeout(resolve, 5_000)); // keep training on the backlog
  clearInterval(sampling);
  const trainedAfter = (await health(port))?.eventsTrained ?? 0;
  t.log(`trained ${trainedWritten} when the last event was written, ${trainedAfter} 5 s later`);
  const peak = Math.max(...samples);
  t.log(
    `${written} events written; trained ${trainedBefore} -> ${trainedAfter}; ` +
      `heap ${heapBefore?.toFixed(0)} MiB before, peak ${peak.toFixed(0)} MiB`,
  );

  t.true(written - trainedAfter > 100_000, 'the producer ran far ahead of the trainer');
  t.true(trainedAfter > trainedWritten, 'the trainer kept training on the backlog');
  t.true(samples.length >= 5, 'the heap was sampled while the backlog grew');
  t.true(peak - (heapBefore ?? 0) < MAX_HEAP_GROWTH_MB, 'the backlog stayed on the broker');
  t.is((await health(port))?.state, 'running');
});
