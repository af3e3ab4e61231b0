import test from 'ava';
import { firstValueFrom, from, lastValueFrom, take, tap, toArray } from 'rxjs';
import { fromTopic } from './from-topic';
import { toTopic } from './to-topic';
import { brokerFixture, closeSignal } from './testing/broker-fixture';
import { UnknownTopicError } from './errors';

test('toTopic acknowledges each record with the partition and offset fromTopic reads it at', async (t) => {
  const broker = await brokerFixture(t);
  const topic = await broker.createTopic({ partitions: 3, label: 'round-trip' });
  const producerClosed = closeSignal();
  broker.waitInTeardown(producerClosed.closed);

  const outgoing = Array.from({ length: 30 }, (_, i) => ({
    key: `user-${i % 7}`,
    value: Buffer.from([i, 255 - i, 0]),
    headers: { 'x-index': String(i) },
    context: i,
  }));
  const produced = await lastValueFrom(
    from(outgoing).pipe(
      toTopic<number>({
        kafka: broker.kafka,
        brokers: broker.brokers,
        topic,
        maxBatchRecords: 8,
        lingerMs: 5,
        onClose: producerClosed.onClose,
      }),
      toArray(),
    ),
  );
  t.deepEqual(
    produced.map((ack) => ack.record.context),
    outgoing.map((record) => record.context),
    'one acknowledgement per record, in order',
  );
  const partitionsUsed = new Set(produced.map((ack) => ack.partition));
  t.true(partitionsUsed.size > 1, 'keys spread over the partitions');

  const consumerClosed = closeSignal();
  broker.waitInTeardown(consumerClosed.closed);
  const received = await firstValueFrom(
    fromTopic({
      kafka: broker.kafka,
      brokers: broker.brokers,
      topics: topic,
      groupId: broker.groupId('round-trip'),
      fromBeginning: true,
      decode: (bytes) => bytes,
      onClose: consumerClosed.onClose,
    }).pipe(
      tap((record) => record.ack()),
      take(outgoing.length),
      toArray(),
    ),
  );
  const where = (r: { topic: string; partition: number; offset: string }) =>
    `${r.topic}/${r.partition}@${r.offset}`;
  const byPlace = new Map(received.map((record) => [where(record), record]));
  for (const ack of produced) {
    const record = byPlace.get(where(ack));
    t.truthy(record, `record ${ack.record.context} is at ${where(ack)}`);
    t.deepEqual(record!.value, ack.record.value);
    t.is(String(record!.key), String(ack.record.key));
    t.is(String(record!.headers['x-index']), String(ack.record.context));
  }
});

test('toTopic fails with a clear error for a topic that does not exist', async (t) => {
  const broker = await brokerFixture(t);
  const producerClosed = closeSignal();
  broker.waitInTeardown(producerClosed.closed);
  const error = await t.throwsAsync(
    lastValueFrom(
      from([{ value: 'x' }]).pipe(
        toTopic({
          kafka: broker.kafka,
          brokers: broker.brokers,
          topic: 'tmrm-test-no-such-topic',
          onClose: producerClosed.onClose,
        }),
      ),
    ),
    { instanceOf: UnknownTopicError },
  );
  t.regex(error!.message, /^topic "tmrm-test-no-such-topic" does not exist/);
});
