import { randomUUID } from 'node:crypto';
import type { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import { silentLogger, type Logger } from '@tmrm/common';
import { runConsumer } from './run-consumer';

/** Options for {@link followTopics}. */
export interface FollowTopicsOptions {
  kafka: Kafka;
  topics: string[];
  /** Called for each record, in order per partition. A throw is logged and the record skipped. */
  onMessage: (topic: string, partition: number, message: KafkaMessage) => void | Promise<void>;
  /** Read every partition from its start (state topics) or only what arrives from now on. */
  fromBeginning: boolean;
  /** What the consumer is for, in its group id and in logs, e.g. `scorer-models`. */
  purpose: string;
  logger?: Logger;
}

/** A running follower. */
export interface TopicFollower {
  /** Resolves once every record present at start has been handled (at once without history). */
  caughtUp: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Follows whole topics, every partition, in a consumer group of its own (a fresh id per
 * process), the way every process reads state topics (profiles, snapshots) and a scorer reads
 * the interactions behind its candidate generation. Nothing is committed: the state is rebuilt
 * by reading from the start on each start.
 */
export async function followTopics(options: FollowTopicsOptions): Promise<TopicFollower> {
  const log = (options.logger ?? silentLogger).child({
    component: 'follow-topics',
    purpose: options.purpose,
  });
  const admin = options.kafka.admin();
  await admin.connect();
  const remaining = new Map<string, bigint>();
  try {
    for (const topic of options.topics) {
      for (const { partition, high, low } of await admin.fetchTopicOffsets(topic)) {
        if (options.fromBeginning && BigInt(high) > BigInt(low))
          remaining.set(`${topic}/${partition}`, BigInt(high) - 1n);
      }
    }
  } finally {
    await admin.disconnect();
  }

  let markCaughtUp: () => void = () => undefined;
  const caughtUp = new Promise<void>((resolve) => (markCaughtUp = resolve));
  if (remaining.size === 0) markCaughtUp();

  const consumer: Consumer = options.kafka.consumer({
    groupId: `tmrm-${options.purpose}-${randomUUID()}`,
    sessionTimeout: 10_000,
    heartbeatInterval: 1_000,
    maxWaitTimeInMs: 250,
  });
  let stopped = false;
  await runConsumer(consumer, {
    topics: options.topics,
    fromBeginning: options.fromBeginning,
    purpose: options.purpose,
    stopping: () => stopped,
    logger: options.logger,
    run: {
      autoCommit: false,
      eachMessage: async ({ topic, partition, message }) => {
        try {
          await options.onMessage(topic, partition, message);
        } catch (error) {
          log.warn({ topic, partition, offset: message.offset, err: error }, 'record skipped');
        }
        const key = `${topic}/${partition}`;
        const last = remaining.get(key);
        if (last !== undefined && BigInt(message.offset) >= last) {
          remaining.delete(key);
          if (remaining.size === 0) markCaughtUp();
        }
      },
    },
  });
  return {
    caughtUp,
    stop: async () => {
      stopped = true;
      await consumer.disconnect();
    },
  };
}
