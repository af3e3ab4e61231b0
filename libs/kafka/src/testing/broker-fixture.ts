import { randomUUID } from 'node:crypto';
import type { ExecutionContext } from 'ava';
import type { Admin, Kafka } from 'kafkajs';
import { connectionFromEnv } from '../connection';
import { createKafka } from '../create-kafka';

/** What a broker test needs: a client, an admin, and topics that vanish afterwards. */
export interface BrokerFixture {
  kafka: Kafka;
  admin: Admin;
  brokers: string[];
  /** Creates a topic with a random name, deleted in the test's teardown. */
  createTopic(options?: { partitions?: number; label?: string }): Promise<string>;
  /** A random consumer group id. */
  groupId(label?: string): string;
  /** Registers a promise the teardown waits for, such as a consumer's close. */
  waitInTeardown(closed: Promise<unknown>): void;
}

/**
 * Connects to the test broker (KAFKA_BROKERS or the local one) and arranges for
 * every topic created and every client opened to be gone when the test ends.
 */
export async function brokerFixture(t: ExecutionContext): Promise<BrokerFixture> {
  const brokers = connectionFromEnv().brokers;
  const kafka = createKafka();
  const admin = kafka.admin();
  const topics: string[] = [];
  const closing: Promise<unknown>[] = [];
  t.teardown(async () => {
    await Promise.allSettled(closing);
    if (topics.length > 0) await admin.deleteTopics({ topics }).catch(() => undefined);
    await admin.disconnect();
  });
  await admin.connect();

  return {
    kafka,
    admin,
    brokers,
    async createTopic(options = {}) {
      const topic = `tmrm-test-${options.label ?? 'topic'}-${randomUUID()}`;
      topics.push(topic);
      await admin.createTopics({
        waitForLeaders: true,
        topics: [{ topic, numPartitions: options.partitions ?? 1 }],
      });
      return topic;
    },
    groupId(label = 'group') {
      return `tmrm-test-${label}-${randomUUID()}`;
    },
    waitInTeardown(closed) {
      closing.push(closed);
    },
  };
}

/** A promise and the function that resolves it, for `onClose` callbacks. */
export function closeSignal(): { closed: Promise<void>; onClose: () => void } {
  let onClose!: () => void;
  const closed = new Promise<void>((resolve) => (onClose = resolve));
  return { closed, onClose };
}
