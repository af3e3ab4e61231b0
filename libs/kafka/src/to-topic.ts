import {
  concatMap,
  from,
  mergeMap,
  Observable,
  type OperatorFunction,
  type SchedulerLike,
} from 'rxjs';
import {
  Partitioners,
  type Admin,
  type IHeaders,
  type Kafka,
  type Message,
  type PartitionMetadata,
  type Producer,
} from 'kafkajs';
import { ConfigError, silentLogger, type Logger } from '@tmrm/common';
import { batchByCountOrTime } from './batch-by-count-or-time';
import { connectWithRetry, type ConnectWithRetryOptions } from './connect-with-retry';
import { ProduceError, UnknownTopicError } from './errors';

/** A record for {@link toTopic}. `context` travels untouched to its acknowledgement. */
export interface OutgoingRecord<C = undefined> {
  /** Overrides the operator's default topic. */
  topic?: string;
  key?: Buffer | string | null;
  value: Buffer | string | null;
  headers?: IHeaders;
  /** Fixed partition; otherwise chosen from the key like the Java client does (murmur2). */
  partition?: number;
  context?: C;
}

/** Emitted once the broker has durably stored the record (all in-sync replicas). */
export interface ProducedRecord<C = undefined> {
  record: OutgoingRecord<C>;
  topic: string;
  partition: number;
  offset: string;
}

/** Options for {@link toTopic}. */
export interface ToTopicOptions {
  kafka: Kafka;
  /** Broker addresses, named in the error when none answers. */
  brokers: string[];
  /** Topic of records that name none. */
  topic?: string;
  /** A batch is sent once it holds this many records; default 500. */
  maxBatchRecords?: number;
  /** ...or this many milliseconds after its first record; default 10. */
  lingerMs?: number;
  /** Keeps the linger time; tests pass a TestScheduler. */
  scheduler?: SchedulerLike;
  connect?: Pick<ConnectWithRetryOptions, 'maxAttempts' | 'initialBackoffMs' | 'maxBackoffMs'>;
  logger?: Logger;
  /** Called once the producer has disconnected after completion, error or unsubscribe. */
  onClose?: () => void;
}

/**
 * Produces records in batches with the idempotent producer and emits, for each
 * record in order, its acknowledgement with its partition and offset once the
 * broker has it with `acks=all`. Acknowledging the upstream source only then
 * makes a pipeline at-least-once end to end.
 *
 * One batch is on its way at a time, so order is kept per partition; upstream
 * backpressure (such as {@link fromTopic}'s high-water mark) bounds what queues here.
 *
 * @example
 * records$.pipe(
 *   map((r) => ({ key: r.key, value: encode(r.value), context: r })),
 *   toTopic({ kafka, brokers, topic: 'tmrm.recommendations' }),
 * ).subscribe((produced) => produced.record.context.ack());
 */
export function toTopic<C = undefined>(
  options: ToTopicOptions,
): OperatorFunction<OutgoingRecord<C>, ProducedRecord<C>> {
  const batching = {
    maxCount: options.maxBatchRecords ?? 500,
    lingerMs: options.lingerMs ?? 10,
    scheduler: options.scheduler,
  };
  batchByCountOrTime(batching); // validates the options now rather than at subscription

  return (source) =>
    new Observable<ProducedRecord<C>>((subscriber) => {
      const log = (options.logger ?? silentLogger).child({ component: 'kafka.to-topic' });
      const producer = options.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
      });
      const admin = options.kafka.admin();
      const retry = { brokers: options.brokers, logger: options.logger, ...options.connect };
      const ready = (async () => {
        await connectWithRetry(producer, { ...retry, operation: 'toTopic producer' });
        await connectWithRetry(admin, { ...retry, operation: 'toTopic admin' });
      })();
      ready.catch(() => undefined); // reported through the first batch
      const sender = new BatchSender(producer, admin, options.topic, log);

      const subscription = source
        .pipe(
          batchByCountOrTime<OutgoingRecord<C>>(batching),
          concatMap((batch) => from(ready.then(() => sender.send(batch)))),
          mergeMap((produced) => produced),
        )
        .subscribe(subscriber);

      return () => {
        subscription.unsubscribe();
        void ready
          .catch(() => undefined)
          .then(() => Promise.allSettled([producer.disconnect(), admin.disconnect()]))
          .then(() => options.onClose?.());
      };
    });
}

class BatchSender {
  private readonly partitioner = Partitioners.DefaultPartitioner();
  private readonly partitionsByTopic = new Map<string, PartitionMetadata[]>();

  constructor(
    private readonly producer: Producer,
    private readonly admin: Admin,
    private readonly defaultTopic: string | undefined,
    private readonly log: Logger,
  ) {}

  async send<C>(batch: OutgoingRecord<C>[]): Promise<ProducedRecord<C>[]> {
    const placed: { record: OutgoingRecord<C>; topic: string; message: Message }[] = [];
    const byTopic = new Map<string, Message[]>();
    for (const record of batch) {
      const topic = record.topic ?? this.defaultTopic;
      if (!topic) {
        throw new ConfigError('topic', topic, 'a record names no topic and toTopic has no default');
      }
      let messages = byTopic.get(topic);
      if (!messages) {
        messages = [];
        byTopic.set(topic, messages);
      }
      let partitionMetadata = this.partitionsByTopic.get(topic);
      if (!partitionMetadata) {
        partitionMetadata = await this.fetchPartitions(topic);
        this.partitionsByTopic.set(topic, partitionMetadata);
      }
      const message: Message = {
        key: record.key ?? null,
        value: record.value,
        headers: record.headers,
      };
      message.partition =
        record.partition ?? this.partitioner({ topic, partitionMetadata, message });
      placed.push({ record, topic, message });
      messages.push(message);
    }

    let metadata;
    try {
      metadata = await this.producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      });
    } catch (error) {
      throw new ProduceError([...byTopic.keys()].join(', '), batch.length, error);
    }
    this.log.debug({ records: batch.length }, 'batch produced');

    // The broker numbers a partition's records from baseOffset, in the order they were sent.
    const next = new Map<string, bigint>();
    for (const entry of metadata) {
      next.set(`${entry.topicName}\u0000${entry.partition}`, BigInt(entry.baseOffset ?? '-1'));
    }
    return placed.map(({ record, topic, message }) => {
      const key = `${topic}\u0000${message.partition}`;
      const offset = next.get(key) ?? -1n;
      next.set(key, offset + 1n);
      return { record, topic, partition: message.partition as number, offset: String(offset) };
    });
  }

  private async fetchPartitions(topic: string): Promise<PartitionMetadata[]> {
    const known = await this.admin.listTopics();
    if (!known.includes(topic)) throw new UnknownTopicError(topic, known);
    const metadata = await this.admin.fetchTopicMetadata({ topics: [topic] });
    return metadata.topics[0].partitions;
  }
}
