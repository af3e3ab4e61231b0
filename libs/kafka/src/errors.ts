import { TmrmError } from '@tmrm/common';

/**
 * No broker of the list answered. The message names every address and what was
 * tried, so a user can tell a typo in `KAFKA_BROKERS` from a broker that is down.
 * Retriable: the broker may simply not be up yet.
 */
export class BrokerUnreachableError extends TmrmError {
  readonly brokers: string[];
  readonly attempts: number;
  readonly elapsedMs: number;

  constructor(options: {
    brokers: string[];
    operation: string;
    attempts: number;
    elapsedMs: number;
    cause?: unknown;
  }) {
    const last = options.cause instanceof Error ? `; last error: ${options.cause.message}` : '';
    super(
      `${options.operation}: cannot reach the Kafka broker at ${options.brokers.join(', ')} ` +
        `after ${options.attempts} attempt${options.attempts === 1 ? '' : 's'} over ` +
        `${(options.elapsedMs / 1000).toFixed(1)} s${last}; start a broker ` +
        `(npm run kafka:up) or point KAFKA_BROKERS at one`,
      { retriable: true, cause: options.cause },
    );
    this.brokers = options.brokers;
    this.attempts = options.attempts;
    this.elapsedMs = options.elapsedMs;
  }
}

/** A topic a command or operator needs does not exist on the cluster. */
export class UnknownTopicError extends TmrmError {
  readonly topic: string;

  constructor(topic: string, known: string[]) {
    const listed = known.filter((name) => !name.startsWith('__')).sort();
    const shown =
      listed.length === 0
        ? 'the cluster has none'
        : `known topics: ${listed.slice(0, 20).join(', ')}` +
          (listed.length > 20 ? ` and ${listed.length - 20} more` : '');
    super(
      `topic "${topic}" does not exist (${shown}); create the project's topics with ` +
        '`tmrm topics --create` or check TMRM_TOPIC_PREFIX',
    );
    this.topic = topic;
  }
}

/**
 * Producing failed after the producer's own retries. `retriable` follows the
 * broker's verdict, so a caller can restart the pipeline from its last commit.
 */
export class ProduceError extends TmrmError {
  constructor(topic: string, records: number, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`toTopic: sending ${records} record(s) to "${topic}" failed: ${reason}`, {
      retriable: isRetriable(cause),
      cause,
    });
  }
}

/** A record could not be decoded and no dead-letter topic was configured to take it. */
export class RecordDecodeError extends TmrmError {
  constructor(where: { topic: string; partition: number; offset: string }, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      `fromTopic: record ${where.topic}/${where.partition}@${where.offset} does not decode: ` +
        `${reason}; set deadLetters to route such records aside instead of stopping`,
      { cause },
    );
  }
}

/** True when kafkajs (or a tmrm error) marks the failure, or its cause, as worth retrying. */
export function isRetriable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 8; depth++) {
    if ((current as { retriable?: unknown }).retriable === true) return true;
    if (current.name === 'KafkaJSNumberOfRetriesExceeded') return true;
    current = current.cause ?? (current as { originalError?: unknown }).originalError;
  }
  return false;
}
