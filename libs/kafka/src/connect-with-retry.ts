import { silentLogger, type Logger } from '@tmrm/common';
import { BrokerUnreachableError } from './errors';

/** Options for {@link connectWithRetry}. */
export interface ConnectWithRetryOptions {
  /** The broker addresses, named in the final error. */
  brokers: string[];
  /** What is connecting, such as `fromTopic consumer`; starts the final error's message. */
  operation: string;
  /** Connection attempts in all (each one also retried inside kafkajs); default 3. */
  maxAttempts?: number;
  /** Pause after the first failed attempt, doubled after each further one; default 500. */
  initialBackoffMs?: number;
  /** Ceiling of the pause between attempts; default 5000. */
  maxBackoffMs?: number;
  /** Where each failed attempt is logged (warn). */
  logger?: Logger;
  /** Waits between attempts; tests pass a fake. */
  sleep?: (ms: number) => Promise<void>;
  /** Reads the clock for the elapsed time in the error; tests pass a fake. */
  nowMs?: () => number;
}

/**
 * Connects a kafkajs client (producer, consumer or admin), retrying with
 * exponential backoff. When every attempt fails it throws a
 * {@link BrokerUnreachableError} naming the brokers, the attempts and the time spent.
 *
 * @example
 * await connectWithRetry(producer, { brokers: connection.brokers, operation: 'tmrm produce' });
 */
export async function connectWithRetry(
  client: { connect(): Promise<void> },
  options: ConnectWithRetryOptions,
): Promise<void> {
  const maxAttempts = options.maxAttempts ?? 3;
  const maxBackoffMs = options.maxBackoffMs ?? 5_000;
  const sleep = options.sleep ?? defaultSleep;
  const nowMs = options.nowMs ?? Date.now;
  const log = (options.logger ?? silentLogger).child({ component: 'kafka.connect' });

  const startedMs = nowMs();
  let backoffMs = options.initialBackoffMs ?? 500;
  for (let attempt = 1; ; attempt++) {
    try {
      await client.connect();
      return;
    } catch (error) {
      if (attempt >= maxAttempts) {
        throw new BrokerUnreachableError({
          brokers: options.brokers,
          operation: options.operation,
          attempts: attempt,
          elapsedMs: nowMs() - startedMs,
          cause: error,
        });
      }
      log.warn(
        { attempt, maxAttempts, backoffMs, brokers: options.brokers, error: String(error) },
        'broker connection failed, retrying',
      );
      await sleep(backoffMs);
      backoffMs = Math.min(backoffMs * 2, maxBackoffMs);
    }
  }
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
