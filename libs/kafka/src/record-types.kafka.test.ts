import test from 'ava';
import { firstValueFrom, from, lastValueFrom, take, tap, toArray } from 'rxjs';
import { codecFor, makeRecord, RECORD_TYPE_NAMES, type RecordCodec } from '@tmrm/schemas';
import { fromTopic } from './from-topic';
import { toTopic } from './to-topic';
import { brokerFixture, closeSignal } from './testing/broker-fixture';

test('every record type survives toTopic and fromTopic with its Avro codec', async (t) => {
  const broker = await brokerFixture(t);
  const topic = await broker.createTopic({ partitions: 2, label: 'record-types' });
  const producerClosed = closeSignal();
  const consumerClosed = closeSignal();
  broker.waitInTeardown(producerClosed.closed);
  broker.waitInTeardown(consumerClosed.closed);

  // One topic for all types: each value carries its writer schema's fingerprint, so a
  // header saying the type is enough to pick the codec when reading.
  const codecs = new Map(
    RECORD_TYPE_NAMES.map((name) => [name, codecFor(name) as RecordCodec<unknown>]),
  );
  const outgoing = RECORD_TYPE_NAMES.map((name) => ({
    key: name,
    value: codecs.get(name)!.encode(makeRecord(name)),
    headers: { 'tmrm-type': name },
  }));
  await lastValueFrom(
    from(outgoing).pipe(
      toTopic({
        kafka: broker.kafka,
        brokers: broker.brokers,
        topic,
        onClose: producerClosed.onClose,
      }),
      toArray(),
    ),
  );

  const received = await firstValueFrom(
    fromTopic({
      kafka: broker.kafka,
      brokers: broker.brokers,
      topics: topic,
      groupId: broker.groupId('record-types'),
      fromBeginning: true,
      decode: (bytes, meta) =>
        codecs.get(String(meta.headers['tmrm-type']) as never)!.decode(bytes!),
      onClose: consumerClosed.onClose,
    }).pipe(
      tap((record) => record.ack()),
      take(outgoing.length),
      toArray(),
    ),
  );
  const byType = new Map(received.map((record) => [String(record.key), record.value]));
  for (const name of RECORD_TYPE_NAMES) {
    t.deepEqual(byType.get(name), makeRecord(name), name);
  }
});
