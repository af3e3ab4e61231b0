import type { Kafka } from 'kafkajs';
import { silentLogger, type Logger } from '@tmrm/common';
import { runConsumer } from './run-consumer';

/** A lease request: `held` resolves once acquired (rejects if released first). */
export interface Lease {
  held: Promise<void>;
  /** Leaves the group, so a standby can take over at once. */
  release(): Promise<void>;
}

/**
 * Waits until this process holds the trainer lease: membership of the group `groupId` on a
 * one-partition topic (the `models` topic), where Kafka's group coordinator gives the single
 * partition to exactly one member. The others stand by in the group; when the holder dies its
 * session times out (`sessionTimeoutMs`), the group rebalances and a standby receives the
 * partition. The consumer never reads: its partition is paused as soon as it is assigned.
 *
 * A holder that loses the partition without dying (paused, or cut off) is not told to stop by
 * the lease; the epochs on the `models` topic do that (see EpochWatch): its successor claims a
 * newer epoch and publishes, and the old holder steps down when it sees it.
 */
export async function requestLease(options: {
  kafka: Kafka;
  topic: string;
  groupId: string;
  sessionTimeoutMs: number;
  logger?: Logger;
}): Promise<Lease> {
  const log = (options.logger ?? silentLogger).child({ component: 'lease' });
  const consumer = options.kafka.consumer({
    groupId: options.groupId,
    sessionTimeout: options.sessionTimeoutMs,
    heartbeatInterval: Math.max(500, Math.floor(options.sessionTimeoutMs / 5)),
    maxWaitTimeInMs: 500,
  });
  let acquired: () => void = () => undefined;
  let abandoned: (error: Error) => void = () => undefined;
  const held = new Promise<void>((resolve, reject) => {
    acquired = resolve;
    abandoned = reject;
  });
  consumer.on(consumer.events.GROUP_JOIN, (event) => {
    const assignment = event.payload.memberAssignment as Record<string, number[]>;
    const mine = (assignment[options.topic] ?? []).length > 0;
    log.info({ groupId: options.groupId, holder: mine }, mine ? 'lease acquired' : 'standing by');
    if (mine) {
      consumer.pause([{ topic: options.topic }]);
      acquired();
    }
  });
  let released = false;
  await runConsumer(consumer, {
    topics: [options.topic],
    fromBeginning: false,
    run: { autoCommit: false, eachMessage: async () => undefined },
    purpose: 'lease',
    stopping: () => released,
    logger: options.logger,
  });
  return {
    held,
    release: async () => {
      released = true;
      abandoned(new Error('lease released before it was acquired'));
      await consumer.disconnect();
    },
  };
}
