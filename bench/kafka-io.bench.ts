/**
 * Throughput of @tmrm/kafka against the real broker: InteractionEvents encoded with their
 * Avro codec and produced through toTopic (batches of 5000, idempotent, acks=all), then
 * read back through fromTopic (decode + ack per record, high-water mark 5000). Reports
 * records per wall second and per CPU second of this process (the machine is shared).
 *
 *   npm run bench -- kafka-io [records=100000] [partitions=3]
 */
import { randomUUID } from 'node:crypto';
import { ignoreElements, lastValueFrom, map, range, takeWhile, tap } from 'rxjs';
import { connectionFromEnv, createKafka, fromTopic, toTopic } from '@tmrm/kafka';
import { codecFor, makeInteractionEvent } from '@tmrm/schemas';

const records = Number(process.argv[2] ?? 100_000);
const partitions = Number(process.argv[3] ?? 3);
const connection = connectionFromEnv();
const kafka = createKafka({ connection });
const admin = kafka.admin();
const topic = `tmrm-bench-kafka-io-${randomUUID()}`;
const events = codecFor('InteractionEvent');

function timed<T>(run: () => Promise<T>): Promise<{ result: T; wallMs: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  return run().then((result) => {
    const used = process.cpuUsage(cpu);
    return { result, wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1e3 };
  });
}

await admin.connect();
try {
  await admin.createTopics({
    waitForLeaders: true,
    topics: [{ topic, numPartitions: partitions }],
  });

  const produced = await timed(() =>
    lastValueFrom(
      range(0, records).pipe(
        map((index) => {
          const event = makeInteractionEvent({ eventId: `e${index}`, userId: `u${index % 943}` });
          return { key: event.userId, value: events.encode(event) };
        }),
        toTopic({ kafka, brokers: connection.brokers, topic, maxBatchRecords: 5_000 }),
        ignoreElements(),
      ),
      { defaultValue: undefined },
    ),
  );
  console.error(`produced ${records} in ${Math.round(produced.wallMs)} ms`);

  let maxInFlight = 0;
  let inFlight = 0;
  const consumed = await timed(() => {
    let count = 0;
    return lastValueFrom(
      fromTopic({
        kafka,
        brokers: connection.brokers,
        topics: topic,
        groupId: `tmrm-bench-${randomUUID()}`,
        fromBeginning: true,
        decode: (bytes) => events.decode(bytes ?? Buffer.alloc(0)),
        highWaterMark: 5_000,
      }).pipe(
        tap(() => (maxInFlight = Math.max(maxInFlight, ++inFlight))),
        tap((record) => {
          record.ack();
          inFlight -= 1;
        }),
        takeWhile(() => ++count < records),
      ),
      { defaultValue: undefined },
    );
  });
  console.error(`consumed ${records} in ${Math.round(consumed.wallMs)} ms`);

  const rate = (ms: number) => Math.round(records / (ms / 1000));
  console.log(
    JSON.stringify({
      benchmark: 'kafka-io',
      records,
      partitions,
      meanValueBytes: events.encode(makeInteractionEvent()).length,
      producePerWallSecond: rate(produced.wallMs),
      producePerCpuSecond: rate(produced.cpuMs),
      consumePerWallSecond: rate(consumed.wallMs),
      consumePerCpuSecond: rate(consumed.cpuMs),
      consumeMaxInFlight: maxInFlight,
    }),
  );
} finally {
  await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin.disconnect();
}
