import { randomUUID } from 'node:crypto';
import test from 'ava';
import kafkajs from 'kafkajs';
import { createKafka } from '@tmrm/kafka';
import { runConsumer } from './run-consumer';

// Needs the broker that `npm run kafka:up` starts (or KAFKA_BROKERS).

test('a consumer that crashes on an error kafkajs does not retry runs again and reads on', async (t) => {
  const kafka = createKafka();
  const topic = `tmrm-test-${randomUUID().slice(0, 8)}.revive`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  const producer = kafka.producer();
  await producer.connect();
  const consumer = kafka.consumer({ groupId: `tmrm-test-${randomUUID()}`, maxWaitTimeInMs: 100 });
  let stopping = false;
  t.teardown(async () => {
    stopping = true;
    await Promise.allSettled([consumer.disconnect(), producer.disconnect()]);
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  // The first delivery of "poison" fails the way a lost group coordinator does: not retriable,
  // so kafkajs stops the consumer for good. Nothing was committed, so the restarted consumer
  // gets "poison" again and then everything after it.
  const seen: string[] = [];
  const crashes: boolean[] = [];
  consumer.on(consumer.events.CRASH, (event) => crashes.push(event.payload.restart));
  let failed = false;
  await runConsumer(consumer, {
    topics: [topic],
    fromBeginning: true,
    purpose: 'test',
    stopping: () => stopping,
    initialDelayMs: 200,
    run: {
      eachMessage: async ({ message }) => {
        const value = message.value?.toString() ?? '';
        if (value === 'poison' && !failed) {
          failed = true;
          throw new kafkajs.KafkaJSNonRetriableError('the group coordinator went away');
        }
        seen.push(value);
      },
    },
  });
  await producer.send({ topic, messages: [{ value: 'poison' }, { value: 'after' }] });

  const deadline = Date.now() + 60_000;
  while (!seen.includes('after') && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 100));
  t.deepEqual(crashes, [false], 'kafkajs crashed once and would not restart by itself');
  t.deepEqual(seen, ['poison', 'after'], 'the restarted consumer read both records, in order');
});
