import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import type { Admin } from 'kafkajs';
import { firstValueFrom, take, tap, toArray } from 'rxjs';
import { fromTopic } from './from-topic';
import { brokerFixture, closeSignal } from './testing/broker-fixture';

const RECORDS = 100;
const ACKED = 30;
const member = fileURLToPath(new URL('./testing/crashing-member.ts', import.meta.url));

test('a member killed with SIGKILL before acknowledging loses nothing: the next one re-reads', async (t) => {
  const broker = await brokerFixture(t);
  const topic = await broker.createTopic({ label: 'crash' });
  const groupId = broker.groupId('crash');
  const producer = broker.kafka.producer({ idempotent: true });
  await producer.connect();
  await producer.send({
    topic,
    messages: Array.from({ length: RECORDS }, (_, i) => ({ value: String(i) })),
  });
  await producer.disconnect();

  const child = spawn(
    process.execPath,
    ['--import', 'tsx', member, topic, groupId, String(ACKED)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  t.teardown(() => void child.kill('SIGKILL'));
  await waitForLine(child.stdout, 'acked', 60_000);
  await waitForCommit(broker.admin, groupId, topic, String(ACKED));
  child.kill('SIGKILL');
  await once(child, 'exit');

  const closed = closeSignal();
  broker.waitInTeardown(closed.closed);
  const started = Date.now();
  const next = await firstValueFrom(
    fromTopic({
      kafka: broker.kafka,
      brokers: broker.brokers,
      topics: topic,
      groupId,
      decode: (bytes) => Number(String(bytes)),
      sessionTimeoutMs: 6_000,
      onClose: closed.onClose,
    }).pipe(
      tap((record) => record.ack()),
      take(RECORDS - ACKED),
      toArray(),
    ),
  );
  t.log(`the next member got the partition after ${Date.now() - started} ms`);
  t.deepEqual(
    next.map((record) => record.value),
    Array.from({ length: RECORDS - ACKED }, (_, i) => ACKED + i),
  );
});

async function waitForLine(
  stream: NodeJS.ReadableStream,
  line: string,
  timeoutMs: number,
): Promise<void> {
  let buffered = '';
  const timer = setTimeout(() => stream.emit('error', new Error(`no "${line}" line`)), timeoutMs);
  try {
    for await (const chunk of stream) {
      buffered += String(chunk);
      if (buffered.split('\n').includes(line)) return;
    }
    throw new Error(`the member exited without printing "${line}"`);
  } finally {
    clearTimeout(timer);
  }
}

async function waitForCommit(
  admin: Admin,
  groupId: string,
  topic: string,
  offset: string,
): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    if (committed.partitions[0].offset === offset) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`group ${groupId} never committed offset ${offset}`);
}
