import test from 'ava';
import { firstValueFrom, take, tap, toArray } from 'rxjs';
import { fromTopic, type FromTopicOptions } from './from-topic';
import type { KafkaRecord } from './kafka-record';
import { brokerFixture, closeSignal, type BrokerFixture } from './testing/broker-fixture';

const RECORDS = 200;

async function fillTopic(broker: BrokerFixture, topic: string): Promise<void> {
  const producer = broker.kafka.producer({ idempotent: true });
  await producer.connect();
  try {
    const messages = Array.from({ length: RECORDS }, (_, i) => ({ value: String(i) }));
    await producer.send({ topic, messages });
  } finally {
    await producer.disconnect();
  }
}

function member(
  broker: BrokerFixture,
  overrides: Partial<FromTopicOptions<number>> & { topics: string; groupId: string },
) {
  const signal = closeSignal();
  broker.waitInTeardown(signal.closed);
  const records$ = fromTopic<number>({
    kafka: broker.kafka,
    brokers: broker.brokers,
    fromBeginning: true,
    decode: (bytes) => Number(String(bytes)),
    highWaterMark: 1_000,
    onClose: signal.onClose,
    ...overrides,
  });
  return { records$, closed: signal.closed };
}

test('records received but not acknowledged before a member dies go to the next member', async (t) => {
  const broker = await brokerFixture(t);
  const topic = await broker.createTopic({ label: 'commit-after-ack' });
  const groupId = broker.groupId('commit-after-ack');
  await fillTopic(broker, topic);

  // Member 1 receives everything, acknowledges 0..49 and 60..79, and dies holding the rest.
  const first = member(broker, { topics: topic, groupId });
  const received = await firstValueFrom(first.records$.pipe(take(RECORDS), toArray()));
  t.is(received.length, RECORDS);
  const acked = received.filter((r) => r.value < 50 || (r.value >= 60 && r.value < 80));
  acked.reverse().forEach((record) => record.ack());
  await first.closed;

  const committed = await broker.admin.fetchOffsets({ groupId, topics: [topic] });
  t.is(committed[0].partitions[0].offset, '50', 'only the contiguous prefix 0..49 is committed');

  // Member 2 of the same group starts at 50: 50..59 and 80..199 were never done,
  // 60..79 come again because a commit cannot skip the gap before them.
  const second = member(broker, { topics: topic, groupId });
  const redelivered: KafkaRecord<number>[] = await firstValueFrom(
    second.records$.pipe(
      tap((record) => record.ack()),
      take(RECORDS - 50),
      toArray(),
    ),
  );
  t.deepEqual(
    redelivered.map((r) => r.value),
    Array.from({ length: RECORDS - 50 }, (_, i) => 50 + i),
  );
  await second.closed;
  const after = await broker.admin.fetchOffsets({ groupId, topics: [topic] });
  t.is(after[0].partitions[0].offset, String(RECORDS), 'all acknowledged: all committed');
});

test('nothing is committed on receipt', async (t) => {
  const broker = await brokerFixture(t);
  const topic = await broker.createTopic({ label: 'no-commit-on-receipt' });
  const groupId = broker.groupId('no-commit-on-receipt');
  await fillTopic(broker, topic);

  const only = member(broker, { topics: topic, groupId });
  await firstValueFrom(only.records$.pipe(take(RECORDS), toArray()));
  await only.closed;
  const committed = await broker.admin.fetchOffsets({ groupId, topics: [topic] });
  t.is(committed[0].partitions[0].offset, '-1', 'no offset committed for the group');
});
