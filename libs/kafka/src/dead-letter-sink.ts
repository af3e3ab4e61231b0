import type { Producer } from 'kafkajs';
import { Counter, register as defaultRegistry, type Registry } from 'prom-client';
import { silentLogger, type Logger } from '@tmrm/common';
import { deadLetterMessage, type FailedRecord } from './dead-letter-message';

/** Options for {@link DeadLetterSink}. */
export interface DeadLetterSinkOptions {
  /** A connected producer; the sink does not own it and never disconnects it. */
  producer: Producer;
  /** The dead-letter topic, such as `tmrm.dead-letters`. */
  topic: string;
  /** Where the `tmrm_dead_letters_total` counter is registered; default prom-client's. */
  registry?: Registry;
  logger?: Logger;
  /** Reads the clock for the `tmrm-failed-at-ms` header; tests pass a fake. */
  nowMs?: () => number;
}

export const DEAD_LETTER_COUNTER = 'tmrm_dead_letters_total';

/**
 * Writes records that failed to decode or validate to the dead-letter topic and
 * counts them in `tmrm_dead_letters_total{source_topic, error_class}`.
 * `send` resolves once the broker has the dead letter, so the caller can then
 * acknowledge the original record without losing it.
 */
export class DeadLetterSink {
  readonly topic: string;
  private readonly producer: Producer;
  private readonly counter: Counter<'source_topic' | 'error_class'>;
  private readonly log: Logger;
  private readonly nowMs: () => number;

  constructor(options: DeadLetterSinkOptions) {
    this.topic = options.topic;
    this.producer = options.producer;
    this.log = (options.logger ?? silentLogger).child({ component: 'kafka.dead-letters' });
    this.nowMs = options.nowMs ?? Date.now;
    this.counter = deadLetterCounter(options.registry ?? defaultRegistry);
  }

  async send(record: FailedRecord, error: unknown): Promise<void> {
    const message = deadLetterMessage(record, error, this.nowMs());
    await this.producer.send({ topic: this.topic, messages: [message] });
    const errorClass = error instanceof Error ? error.name : typeof error;
    this.counter.inc({ source_topic: record.topic, error_class: errorClass });
    this.log.warn(
      {
        sourceTopic: record.topic,
        partition: record.partition,
        offset: record.offset,
        errorClass,
        error: error instanceof Error ? error.message : String(error),
      },
      'record sent to the dead-letter topic',
    );
  }
}

/** The dead-letter counter of a registry, created on first use (one per registry). */
function deadLetterCounter(registry: Registry): Counter<'source_topic' | 'error_class'> {
  const existing = registry.getSingleMetric(DEAD_LETTER_COUNTER);
  if (existing) return existing as Counter<'source_topic' | 'error_class'>;
  return new Counter({
    name: DEAD_LETTER_COUNTER,
    help: 'Records that failed to decode or validate and went to the dead-letter topic',
    labelNames: ['source_topic', 'error_class'],
    registers: [registry],
  });
}
