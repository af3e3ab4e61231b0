import type { KafkaMessage, Producer } from 'kafkajs';
import type { Registry } from 'prom-client';
import { silentLogger, type Logger } from '@tmrm/common';
import { DeadLetterSink, type FailedRecord } from '@tmrm/kafka';

/** Options for {@link BadRecords}. */
export interface BadRecordsOptions {
  /** A connected producer, owned by the caller. */
  producer: Producer;
  /** The dead-letter topic; without one, bad records are only counted and logged. */
  topic: string | undefined;
  /** Wait between two attempts while the broker does not take the dead letter; default 1,000. */
  retryBackoffMs?: number;
  registry?: Registry;
  logger?: Logger;
}

/**
 * Where an app's bad input records go: the dead-letter topic (the original bytes, with headers
 * naming the error, its class and the source topic, partition and offset; see
 * `deadLetterMessage` in @tmrm/kafka), so nothing is dropped without a trace.
 *
 * The apps read Kafka directly, without `fromTopic`, because their offsets belong to
 * checkpoints; this is their share of what `fromTopic`'s dead letters do. A dead letter is
 * retried until the broker takes it or the caller says to give up (the app is stopping), so a
 * broker outage delays it but does not lose it; the caller moves past the bad record only once
 * `send` resolved true.
 */
export class BadRecords {
  private readonly sink: DeadLetterSink | null;
  private readonly log: Logger;
  private readonly backoffMs: number;
  private count = 0;

  constructor(options: BadRecordsOptions) {
    this.log = (options.logger ?? silentLogger).child({ component: 'bad-records' });
    this.backoffMs = options.retryBackoffMs ?? 1_000;
    this.sink =
      options.topic === undefined
        ? null
        : new DeadLetterSink({
            producer: options.producer,
            topic: options.topic,
            registry: options.registry,
            logger: options.logger,
          });
  }

  /** Bad records seen (each counted once, however many attempts its dead letter took). */
  get seen(): number {
    return this.count;
  }

  /**
   * Dead-letters one record; resolves true once the broker has it, false if `keepTrying`
   * turned false first (the record is then read again after a restart, as it is not past).
   */
  async send(
    source: { topic: string; partition: number },
    message: Pick<KafkaMessage, 'offset' | 'key' | 'value' | 'headers'>,
    error: unknown,
    keepTrying: () => boolean = () => true,
  ): Promise<boolean> {
    this.count += 1;
    const record: FailedRecord = {
      topic: source.topic,
      partition: source.partition,
      offset: message.offset,
      key: message.key ?? null,
      value: message.value ?? null,
      headers: message.headers ?? {},
    };
    if (!this.sink) {
      this.log.warn(
        { ...source, offset: message.offset, err: error },
        'bad record skipped (no dead-letter topic configured)',
      );
      return true;
    }
    for (let attempt = 1; ; attempt++) {
      try {
        await this.sink.send(record, error);
        return true;
      } catch (sendError) {
        this.log.warn(
          { ...source, offset: message.offset, attempt, err: sendError },
          'dead letter not sent yet; retrying',
        );
        if (!keepTrying()) return false;
        await new Promise((resolve) => setTimeout(resolve, this.backoffMs));
        if (!keepTrying()) return false;
      }
    }
  }
}
