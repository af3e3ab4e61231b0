import type { Consumer, ConsumerRunConfig } from 'kafkajs';
import { silentLogger, type Logger } from '@tmrm/common';

/** What {@link runConsumer} subscribes to and runs, and when it must give up. */
export interface RunConsumerOptions {
  topics: string[];
  fromBeginning: boolean;
  run: ConsumerRunConfig;
  /** Names the consumer in logs. */
  purpose: string;
  /** True once the owner is shutting down: a crash then stays a crash. */
  stopping: () => boolean;
  logger?: Logger;
  /** First wait before a restart; doubled after each failed one. Default 1,000 ms. */
  initialDelayMs?: number;
  /** Longest wait between restarts. Default 30,000 ms. */
  maxDelayMs?: number;
}

/**
 * Connects, subscribes and runs a kafkajs consumer, and starts it again whenever it crashes
 * for good.
 *
 * kafkajs restarts a consumer by itself only after a retriable error. Some errors that a broker
 * restart produces are not retriable to kafkajs: a heartbeat answered "not the coordinator"
 * while the broker shuts down ends in "Failed to find group coordinator", and the consumer
 * stops for the life of the process (tulios/kafkajs#1445). A trainer or scorer that must ride
 * out an outage cannot leave it there, so after such a crash this connects, subscribes and runs
 * the consumer again, waiting 1 s, then 2 s, 4 s and so on up to 30 s between attempts, until
 * it runs or its owner stops. The group's committed offsets, or the owner's own checkpoint,
 * say where it resumes.
 */
export async function runConsumer(consumer: Consumer, options: RunConsumerOptions): Promise<void> {
  const log = (options.logger ?? silentLogger).child({
    component: 'consumer',
    purpose: options.purpose,
  });
  const initialDelayMs = options.initialDelayMs ?? 1_000;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  let delayMs = initialDelayMs;

  const start = async () => {
    await consumer.connect();
    for (const topic of options.topics)
      await consumer.subscribe({ topic, fromBeginning: options.fromBeginning });
    await consumer.run(options.run);
  };
  const restartLater = () => {
    const timer = setTimeout(() => void restart(), delayMs);
    timer.unref();
    delayMs = Math.min(delayMs * 2, maxDelayMs);
  };
  const restart = async () => {
    if (options.stopping()) return;
    try {
      await consumer.disconnect().catch(() => undefined);
      await start();
      log.info('consumer running again');
    } catch (error) {
      if (options.stopping()) return;
      log.warn({ err: error, retryInMs: delayMs }, 'consumer restart failed; trying again');
      restartLater();
    }
  };

  consumer.on(consumer.events.GROUP_JOIN, () => {
    delayMs = initialDelayMs;
  });
  consumer.on(consumer.events.CRASH, (event) => {
    // kafkajs restarts it itself (retriable error), or the owner is shutting it down.
    if (event.payload.restart || options.stopping()) return;
    log.warn(
      { err: event.payload.error, groupId: event.payload.groupId, retryInMs: delayMs },
      'consumer crashed on an error kafkajs does not retry; starting it again',
    );
    restartLater();
  });
  await start();
}
