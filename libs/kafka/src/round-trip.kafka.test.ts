import { randomUUID } from 'node:crypto';
import test from 'ava';
import { createKafka } from './create-kafka';

// Needs the broker that `npm run kafka:up` starts (or KAFKA_BROKERS).

test('a message produced with kafkajs comes back from the real broker', async (t) => {
  const kafka = createKafka();
  const topic = `tmrm-test-round-trip-${randomUUID()}`;
  const admin = kafka.admin();
  const producer = kafka.producer({ idempotent: true });
  const consumer = kafka.consumer({ groupId: `tmrm-test-${randomUUID()}` });
  t.teardown(async () => {
    await Promise.allSettled([producer.disconnect(), consumer.disconnect()]);
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  await producer.connect();
  await producer.send({ topic, messages: [{ key: 'user-1', value: 'hello tmrm' }] });

  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const received = await new Promise<{ key: string; value: string }>((resolve) => {
    void consumer.run({
      eachMessage: async ({ message }) =>
        resolve({ key: String(message.key), value: String(message.value) }),
    });
  });
  t.deepEqual(received, { key: 'user-1', value: 'hello tmrm' });
});
