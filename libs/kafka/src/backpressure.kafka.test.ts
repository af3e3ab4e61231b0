import test from 'ava';
import { concatMap, lastValueFrom, range, map, takeWhile, tap, timer, ignoreElements } from 'rxjs';
import { fromTopic } from './from-topic';
import { toTopic } from './to-topic';
import { batchByCountOrTime } from './batch-by-count-or-time';
import { brokerFixture, closeSignal } from './testing/broker-fixture';

const RECORDS = 100_000;
const HIGH_WATER_MARK = 2_000;
const SESSION_TIMEOUT_MS = 6_000;
// One stall longer than the session timeout: a consumer that stopped heartbeating
// while it waited would be thrown out of the group and rejoin.
const STALL_MS = 8_000;

test('a slow subscriber keeps records in flight under the high-water mark, with no rebalance', async (t) => {
  const broker = await brokerFixture(t);
  const topic = await broker.createTopic({ partitions: 3, label: 'backpressure' });
  const producerClosed = closeSignal();
  const consumerClosed = closeSignal();
  broker.waitInTeardown(producerClosed.closed);
  broker.waitInTeardown(consumerClosed.closed);

  const produceStarted = Date.now();
  await lastValueFrom(
    range(0, RECORDS).pipe(
      map((i) => ({ key: String(i % 97), value: Buffer.from(String(i)) })),
      toTopic({
        kafka: broker.kafka,
        brokers: broker.brokers,
        topic,
        maxBatchRecords: 10_000,
        lingerMs: 20,
        onClose: producerClosed.onClose,
      }),
      ignoreElements(),
    ),
    { defaultValue: undefined },
  );

  t.log(`${RECORDS} records produced in ${Date.now() - produceStarted} ms`);
  let groupJoins = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let acked = 0;
  let chunks = 0;
  const seen = new Set<string>();
  const started = Date.now();
  await lastValueFrom(
    fromTopic({
      kafka: broker.kafka,
      brokers: broker.brokers,
      topics: topic,
      groupId: broker.groupId('backpressure'),
      fromBeginning: true,
      decode: (bytes) => Number(String(bytes)),
      highWaterMark: HIGH_WATER_MARK,
      lowWaterMark: HIGH_WATER_MARK / 2,
      sessionTimeoutMs: SESSION_TIMEOUT_MS,
      heartbeatIntervalMs: 1_000,
      maxWaitTimeMs: 200,
      onGroupJoin: () => (groupJoins += 1),
      onClose: consumerClosed.onClose,
    }).pipe(
      tap((record) => {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        seen.add(`${record.partition}@${record.offset}`);
      }),
      // The slow part: chunks of 500, each taking 2 ms, and once a long stall.
      batchByCountOrTime({ maxCount: 500, lingerMs: 5 }),
      concatMap((chunk) =>
        timer(++chunks === 20 ? STALL_MS : 2).pipe(
          map(() => {
            chunk.forEach((record) => record.ack());
            inFlight -= chunk.length;
            acked += chunk.length;
            return acked;
          }),
        ),
      ),
      takeWhile((count) => count < RECORDS),
    ),
    { defaultValue: undefined },
  );

  t.log(
    `${RECORDS} records in ${Date.now() - started} ms: max in flight ${maxInFlight} ` +
      `(high-water mark ${HIGH_WATER_MARK}), group joins ${groupJoins}`,
  );
  t.is(acked, RECORDS);
  t.is(seen.size, RECORDS, 'every record exactly once: nothing re-delivered by a rebalance');
  t.true(maxInFlight <= HIGH_WATER_MARK, `max in flight ${maxInFlight}`);
  t.true(maxInFlight >= HIGH_WATER_MARK / 2, 'the subscriber was slow enough to reach the mark');
  t.is(groupJoins, 1, 'no rebalance, even across a stall longer than the session timeout');
});
