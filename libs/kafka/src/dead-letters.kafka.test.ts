import test from 'ava';
import { firstValueFrom, take, tap, toArray } from 'rxjs';
import { Registry } from 'prom-client';
import { fromTopic } from './from-topic';
import { DEAD_LETTER_HEADERS } from './dead-letter-message';
import { DEAD_LETTER_COUNTER } from './dead-letter-sink';
import { brokerFixture, closeSignal } from './testing/broker-fixture';

class PoisonError extends Error {
  override name = 'PoisonError';
}

test('a poison record goes to the dead-letter topic and the good records after it flow', async (t) => {
  const broker = await brokerFixture(t);
  const topic = await broker.createTopic({ label: 'poison' });
  const deadLetterTopic = await broker.createTopic({ label: 'dead-letters' });
  const groupId = broker.groupId('poison');

  const producer = broker.kafka.producer({ idempotent: true });
  await producer.connect();
  const poison = Buffer.from([0xde, 0xad, 0xbe, 0xef]);
  await producer.send({
    topic,
    messages: [
      { key: 'a', value: '{"n":1}' },
      { key: 'b', value: '{"n":2}' },
      { key: 'bad', value: poison, headers: { origin: 'test' } },
      { key: 'c', value: '{"n":3}' },
      { key: 'd', value: '{"n":4}' },
    ],
  });
  await producer.disconnect();

  const registry = new Registry();
  const closed = closeSignal();
  broker.waitInTeardown(closed.closed);
  const decode = (bytes: Buffer | null): number => {
    const text = String(bytes);
    if (!text.startsWith('{')) throw new PoisonError(`not JSON: ${bytes?.toString('hex')}`);
    return (JSON.parse(text) as { n: number }).n;
  };
  const good = await firstValueFrom(
    fromTopic({
      kafka: broker.kafka,
      brokers: broker.brokers,
      topics: topic,
      groupId,
      fromBeginning: true,
      decode,
      deadLetters: { topic: deadLetterTopic, registry },
      onClose: closed.onClose,
    }).pipe(
      tap((record) => record.ack()),
      take(4),
      toArray(),
    ),
  );
  t.deepEqual(
    good.map((record) => record.value),
    [1, 2, 3, 4],
  );
  await closed.closed;

  const counter = await registry.getSingleMetric(DEAD_LETTER_COUNTER)!.get();
  t.deepEqual(
    counter.values.map((v) => [v.labels, v.value]),
    [[{ source_topic: topic, error_class: 'PoisonError' }, 1]],
  );
  const committed = await broker.admin.fetchOffsets({ groupId, topics: [topic] });
  t.is(committed[0].partitions[0].offset, '5', 'the poison record was acknowledged too');

  const readerClosed = closeSignal();
  broker.waitInTeardown(readerClosed.closed);
  const [letter] = await firstValueFrom(
    fromTopic({
      kafka: broker.kafka,
      brokers: broker.brokers,
      topics: deadLetterTopic,
      groupId: broker.groupId('dead-letter-reader'),
      fromBeginning: true,
      decode: (bytes) => bytes,
      onClose: readerClosed.onClose,
    }).pipe(take(1), toArray()),
  );
  t.deepEqual(letter.value, poison, 'the original bytes');
  t.is(String(letter.key), 'bad');
  const header = (name: string) => String(letter.headers[name]);
  t.is(header('origin'), 'test', 'the original headers');
  t.is(header(DEAD_LETTER_HEADERS.error), 'not JSON: deadbeef');
  t.is(header(DEAD_LETTER_HEADERS.errorClass), 'PoisonError');
  t.is(header(DEAD_LETTER_HEADERS.sourceTopic), topic);
  t.is(header(DEAD_LETTER_HEADERS.sourcePartition), '0');
  t.is(header(DEAD_LETTER_HEADERS.sourceOffset), '2');
  t.true(Math.abs(Number(header(DEAD_LETTER_HEADERS.failedAtMs)) - Date.now()) < 120_000);
});
