import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import test from 'ava';
import { writeSyntheticDataset } from '@tmrm/datasets';
import { createKafka } from '@tmrm/kafka';
import { codecFor } from '@tmrm/schemas';

const run = promisify(execFile);
const bin = fileURLToPath(new URL('../../apps/cli/bin/tmrm.js', import.meta.url));

test('replay sends profiles then time-ordered events, and resumes from its state file', async (t) => {
  const folder = await mkdtemp(join(tmpdir(), 'tmrm-e2e-replay-'));
  const prefix = `e2e-replay-${randomUUID().slice(0, 8)}.`;
  const topics = ['interactions', 'user-profiles', 'item-profiles'].map((name) => prefix + name);
  const kafka = createKafka();
  const admin = kafka.admin();
  const consumer = kafka.consumer({ groupId: `${prefix}check` });
  t.teardown(async () => {
    await consumer.disconnect().catch(() => undefined);
    await admin.deleteTopics({ topics }).catch(() => undefined);
    await admin.disconnect();
    await rm(folder, { recursive: true, force: true });
  });
  await admin.connect();

  await writeSyntheticDataset({ users: 30, items: 20, events: 500, seed: 7, outDir: folder });
  const env = { ...process.env, TMRM_TOPIC_PREFIX: prefix, TMRM_LOG_LEVEL: 'warn' };
  const state = join(folder, 'replay-state.json');
  const replay = (...extra: string[]) =>
    run(
      process.execPath,
      [
        bin,
        'replay',
        '--dataset',
        'tmrm',
        '--path',
        folder,
        '--state',
        state,
        '--batch-size',
        '64',
        ...extra,
      ],
      { env, timeout: 120_000 },
    );

  const first = await replay('--max', '--limit', '300');
  t.regex(
    first.stdout,
    /replayed 300 events \(positions 0\.\.300 of 500\) to .*interactions, 30 user and 20 item/,
  );
  t.regex(first.stdout, /events streamed/);
  // The rest goes with leader acknowledgement in three requests per batch: each partition's
  // order must hold all the same (checked below).
  const second = await replay('--max', '--acks', 'leader', '--requests-per-batch', '3');
  t.regex(
    second.stdout,
    /replayed 200 events \(positions 300\.\.500 of 500\).*, 0 user and 0 item profiles/,
  );

  const received = new Map<string, Buffer[]>(topics.map((topic) => [topic, []]));
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  const done = new Promise<void>((resolve) => {
    void consumer.run({
      eachMessage: async ({ topic, message }) => {
        received.get(topic)!.push(message.value!);
        const counts = topics.map((name) => received.get(name)!.length);
        if (counts[0] === 500 && counts[1] === 30 && counts[2] === 20) resolve();
      },
    });
  });
  await Promise.race([
    done,
    new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 60_000)),
  ]);

  const eventCodec = codecFor('InteractionEvent');
  const events = received.get(topics[0])!.map((bytes) => eventCodec.decode(bytes));
  t.deepEqual(new Set(events.map((e) => e.eventId)).size, 500);
  const byUser = new Map<string, number[]>();
  for (const event of events)
    byUser.set(event.userId, [...(byUser.get(event.userId) ?? []), event.eventTimeMs]);
  for (const [user, times] of byUser) {
    t.deepEqual(
      times,
      [...times].sort((a, b) => a - b),
      `events of ${user} are in time order`,
    );
  }
  const users = received.get(topics[1])!.map((bytes) => codecFor('UserProfile').decode(bytes));
  t.is(new Set(users.map((u) => u.userId)).size, 30);
});
