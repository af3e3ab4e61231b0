import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import { createSyntheticDataset } from '@tmrm/datasets';
import { createKafka, ensureTopics, topicCatalogue } from '@tmrm/kafka';
import { codecFor } from '@tmrm/schemas';
import { publishEvents, publishProfiles, syntheticEvents } from '@tmrm/streaming';

// Trainer and scorers as real processes on the real broker: a trainer killed with SIGKILL
// mid-stream resumes from its checkpoint and trains every event exactly once; a standby
// trainer (with an empty checkpoint folder) takes over from the models topic; two scorers
// share the request partitions and answer every request throughout.

const requestCodec = codecFor('RecommendationRequest');
const recommendationCodec = codecFor('Recommendation');
type Health = Record<string, unknown> & {
  eventsTrained?: number;
  checkpoints?: number;
  state?: string;
};

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function health(port: number): Promise<Health | null> {
  try {
    return (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as Health;
  } catch {
    return null;
  }
}

async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function app(name: 'trainer' | 'scorer', args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const bin = fileURLToPath(new URL(`../../apps/${name}/bin/tmrm-${name}.js`, import.meta.url));
  return spawn(process.execPath, [bin, ...args], {
    env: { ...process.env, ...env },
    stdio: 'ignore',
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

test('SIGKILL restart trains each event once, a standby takes over, two scorers answer all', async (t) => {
  const prefix = `tmrm-e2e-${randomUUID().slice(0, 8)}.`;
  const specs = topicCatalogue({ prefix, interactionPartitions: 4 });
  const topic = (logical: string) => `${prefix}${logical}`;
  const kafka = createKafka();
  const admin = kafka.admin();
  const producer = kafka.producer({ idempotent: true });
  const reader = kafka.consumer({ groupId: `tmrm-e2e-reader-${randomUUID()}` });
  const dirA = await mkdtemp(join(tmpdir(), 'tmrm-e2e-a-'));
  const dirB = await mkdtemp(join(tmpdir(), 'tmrm-e2e-b-'));
  const children: ChildProcess[] = [];
  let sending = true;
  t.teardown(async () => {
    sending = false;
    for (const child of children) child.kill('SIGKILL');
    await Promise.all(children.map(exited));
    await Promise.allSettled([reader.disconnect(), producer.disconnect()]);
    await admin.deleteTopics({ topics: specs.map((spec) => spec.name) }).catch(() => undefined);
    await admin.disconnect();
    await Promise.all([
      rm(dirA, { recursive: true, force: true }),
      rm(dirB, { recursive: true, force: true }),
    ]);
  });

  await admin.connect();
  await ensureTopics(admin, specs);
  const dataset = createSyntheticDataset({ users: 200, items: 100, events: 12_000, seed: 21 });
  const events = [...syntheticEvents(dataset)];
  await producer.connect();
  await publishProfiles({
    producer,
    dataset,
    userTopic: topic('user-profiles'),
    itemTopic: topic('item-profiles'),
  });

  const env = {
    TMRM_TOPIC_PREFIX: prefix,
    TMRM_LOG_LEVEL: 'warn',
    TMRM_SESSION_TIMEOUT_MS: '6000',
  };
  const group = `tmrm-e2e-trainer-${randomUUID().slice(0, 8)}`;
  const trainerArgs = (port: number, dir: string) => [
    '--group',
    group,
    '--port',
    String(port),
    '--checkpoint-dir',
    dir,
    '--checkpoint-every-batches',
    '3',
    '--checkpoint-every-ms',
    '1000',
    '--cold-start-samples',
    '1500',
    '--batch-size',
    '256',
  ];
  const [portA, portB, portS1, portS2] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const scorerGroup = `tmrm-e2e-scorer-${randomUUID().slice(0, 8)}`;
  children.push(app('scorer', ['--group', scorerGroup, '--port', String(portS1)], env));
  children.push(app('scorer', ['--group', scorerGroup, '--port', String(portS2)], env));
  let trainerA = app('trainer', trainerArgs(portA, dirA), env);
  children.push(trainerA);
  await waitUntil(
    'trainer and scorers running',
    async () => {
      const all = await Promise.all([portA, portS1, portS2].map(health));
      return all.every((h) => h?.state === 'running');
    },
    120_000,
  );

  // Requests flow all the time, through every kill and takeover.
  const answered = new Set<string>();
  const sent: string[] = [];
  await reader.connect();
  await reader.subscribe({ topic: topic('recommendations'), fromBeginning: true });
  await reader.run({
    eachMessage: async ({ message }) => {
      answered.add(recommendationCodec.decode(message.value ?? Buffer.alloc(0)).requestId);
    },
  });
  const requests = (async () => {
    for (let i = 0; sending; i++) {
      const userId = `u${(i * 13) % 200}`;
      const value = requestCodec.encode({
        requestId: `q${i}`,
        userId,
        k: 3,
        candidateItemIds: null,
        context: null,
        requestedAtMs: Date.now(),
      });
      await producer.send({
        topic: topic('recommendation-requests'),
        messages: [{ key: userId, value }],
      });
      sent.push(`q${i}`);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  })();

  // 1. SIGKILL mid-stream, restart with the same folder: resumes, every event once.
  await publishEvents({ producer, topic: topic('interactions'), events: events.slice(0, 6_000) });
  await waitUntil(
    'a checkpoint past the cold start',
    async () => {
      const h = await health(portA);
      return (h?.checkpoints ?? 0) >= 1 && (h?.eventsTrained ?? 0) >= 2_500;
    },
    180_000,
  );
  const beforeKill = (await health(portA))?.eventsTrained ?? 0;
  trainerA.kill('SIGKILL');
  await exited(trainerA);
  t.log(`trainer killed with SIGKILL after ${beforeKill} of 6000 events`);
  trainerA = app('trainer', trainerArgs(portA, dirA), env);
  children.push(trainerA);
  await waitUntil(
    'the restarted trainer to train all 6000 events',
    async () => (await health(portA))?.eventsTrained === 6_000,
    180_000,
  );

  // 2. A standby with an empty folder takes over from the models topic after another kill.
  const trainerB = app('trainer', trainerArgs(portB, dirB), env);
  children.push(trainerB);
  await waitUntil(
    'the standby to stand by',
    async () => (await health(portB))?.state === 'standby',
    120_000,
  );
  await publishEvents({ producer, topic: topic('interactions'), events: events.slice(6_000) });
  await waitUntil(
    'trainer A into the second half',
    async () => ((await health(portA))?.eventsTrained ?? 0) > 6_500,
    120_000,
  );
  trainerA.kill('SIGKILL');
  await exited(trainerA);
  await waitUntil(
    'the standby to train every event',
    async () => (await health(portB))?.eventsTrained === events.length,
    240_000,
  );
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const final = await health(portB);
  t.is(final?.eventsTrained, events.length, 'each event trained exactly once, none twice');
  t.is(final?.state, 'running');

  // 3. Every request answered; both scorers took part.
  sending = false;
  await requests;
  await waitUntil(
    'every request answered',
    async () => sent.every((id) => answered.has(id)),
    60_000,
  );
  const [s1, s2] = [await health(portS1), await health(portS2)];
  t.log(`${sent.length} requests; scorer 1 answered ${s1?.requests}, scorer 2 ${s2?.requests}`);
  t.true(Number(s1?.requests) > 0 && Number(s2?.requests) > 0, 'both scorers answered requests');
  t.is(Number(s1?.requests) + Number(s2?.requests), sent.length);
});
