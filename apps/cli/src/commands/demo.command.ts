import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import { createKafka } from '@tmrm/kafka';
import { brokerLayout, startBroker } from '@tmrm/kafka-broker';

const DEMO_TOPIC = 'tmrm-demo';

/**
 * `tmrm demo`, the README's run command: brings up the local broker unless
 * `KAFKA_BROKERS` points elsewhere, then sends one message through a topic and
 * reads it back, proving the whole path from this machine to the broker works.
 */
export function register(program: Command): void {
  program
    .command('demo')
    .description('start the local broker if needed and round-trip a message through Kafka')
    .action(runDemo);
}

async function runDemo(): Promise<void> {
  if (!process.env.KAFKA_BROKERS) {
    await startBroker(brokerLayout());
  }
  const kafka = createKafka();
  const admin = kafka.admin();
  const producer = kafka.producer({ idempotent: true });
  const consumer = kafka.consumer({ groupId: `tmrm-demo-${randomUUID()}` });
  try {
    await admin.connect();
    await admin.createTopics({
      topics: [{ topic: DEMO_TOPIC, numPartitions: 1 }],
      waitForLeaders: true,
    });
    const offsets = await admin.fetchTopicOffsets(DEMO_TOPIC);
    const nextOffset = offsets[0]?.high ?? '0';

    const greeting = `hello from tmrm at ${new Date().toISOString()}`;
    await producer.connect();
    await producer.send({ topic: DEMO_TOPIC, messages: [{ key: 'demo', value: greeting }] });

    await consumer.connect();
    await consumer.subscribe({ topic: DEMO_TOPIC });
    const received = new Promise<string>((resolve) => {
      void consumer.run({ eachMessage: async ({ message }) => resolve(String(message.value)) });
    });
    consumer.seek({ topic: DEMO_TOPIC, partition: 0, offset: nextOffset });
    const value = await withTimeout(received, 30_000, 'no message came back within 30 s');
    console.log(`round trip through ${DEMO_TOPIC} at offset ${nextOffset}: ${value}`);
  } finally {
    await Promise.allSettled([consumer.disconnect(), producer.disconnect(), admin.disconnect()]);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
