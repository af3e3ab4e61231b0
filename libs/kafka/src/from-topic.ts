import { Observable } from 'rxjs';
import type { EachBatchPayload, Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { Registry } from 'prom-client';
import { silentLogger, TmrmError, type Logger } from '@tmrm/common';
import { connectWithRetry, type ConnectWithRetryOptions } from './connect-with-retry';
import { DeadLetterSink } from './dead-letter-sink';
import { RecordDecodeError } from './errors';
import { InFlightGauge } from './in-flight-gauge';
import type { KafkaRecord, RecordDecoder, RecordMeta } from './kafka-record';
import { OffsetCommitter } from './offset-committer';
import { OffsetTracker, type TrackedOffset } from './offset-tracker';

/** Options for {@link fromTopic}. */
export interface FromTopicOptions<T> {
  kafka: Kafka;
  /** Broker addresses, named in the error when none answers. */
  brokers: string[];
  /** One topic or several. */
  topics: string | string[];
  groupId: string;
  /** Value bytes to `T`; a throw sends the record to `deadLetters` (or fails the stream). */
  decode: RecordDecoder<T>;
  /** Without a committed offset, start at the beginning (true) or at the end (false, default). */
  fromBeginning?: boolean;
  /** Pause fetching once this many records are handed out and not acknowledged; default 1000. */
  highWaterMark?: number;
  /** Resume fetching once in-flight records fall to this many; default half the high mark. */
  lowWaterMark?: number;
  /** Where records that fail to decode go, and the registry of their counter. */
  deadLetters?: { topic: string; registry?: Registry };
  /** Group session timeout; a member silent this long is dropped. Default 30000. */
  sessionTimeoutMs?: number;
  /** Default 3000; kafkajs heartbeats between batches and while paused. */
  heartbeatIntervalMs?: number;
  /** Longest wait of one fetch (also the heartbeat cadence while paused); default 1000. */
  maxWaitTimeMs?: number;
  /** Connection retries before a BrokerUnreachableError. */
  connect?: Pick<ConnectWithRetryOptions, 'maxAttempts' | 'initialBackoffMs' | 'maxBackoffMs'>;
  logger?: Logger;
  /** Called after each (re)join of the group with this member's partitions. */
  onGroupJoin?: (assignment: Record<string, number[]>) => void;
  /** Called once the consumer (and dead-letter producer) have disconnected after unsubscribe. */
  onClose?: () => void;
}

/**
 * Reads a consumer group's records as an Observable, with flow control and
 * commits that follow the pipeline's acknowledgements.
 *
 * - Backpressure: once `highWaterMark` records are in flight (emitted, not
 *   acknowledged) the consumer pauses its topics and holds the rest of the batch;
 *   once the count falls to `lowWaterMark` it resumes where it stopped. While it
 *   waits it keeps heartbeating, so however long the pipeline takes, slow
 *   processing does not cost a rebalance.
 * - Commits: auto-commit is off. An offset is committed once it and every record
 *   before it in its partition are acknowledged (see {@link OffsetTracker}).
 * - Rebalances: every uncommitted offset is forgotten; the partition's next owner
 *   (maybe this member again) re-reads from the last commit. Delivery is
 *   at-least-once: a record can arrive twice, never be lost.
 * - Unsubscribing commits what is acknowledged, then leaves the group and disconnects.
 *
 * @example
 * fromTopic({ kafka, brokers, topics: 'tmrm.interactions', groupId: 'trainer',
 *   decode: (bytes) => codec.decode(bytes!) })
 *   .pipe(concatMap(async (record) => { await learn(record.value); record.ack(); }))
 */
export function fromTopic<T>(options: FromTopicOptions<T>): Observable<KafkaRecord<T>> {
  const topics = Array.isArray(options.topics) ? options.topics : [options.topics];
  const highWaterMark = options.highWaterMark ?? 1_000;
  const heartbeatIntervalMs = options.heartbeatIntervalMs ?? 3_000;
  // Built here, before subscription, so a bad option fails at once.
  new InFlightGauge({ highWaterMark, lowWaterMark: options.lowWaterMark ?? highWaterMark >> 1 });

  return new Observable<KafkaRecord<T>>((subscriber) => {
    const log = (options.logger ?? silentLogger).child({
      component: 'kafka.from-topic',
      groupId: options.groupId,
    });
    const gauge = new InFlightGauge({
      highWaterMark,
      lowWaterMark: options.lowWaterMark ?? highWaterMark >> 1,
    });
    const tracker = new OffsetTracker();
    const consumer = options.kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: options.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: heartbeatIntervalMs,
      maxWaitTimeInMs: options.maxWaitTimeMs ?? 1_000,
      allowAutoTopicCreation: false,
    });
    let producer: Producer | null = null;
    let sink: DeadLetterSink | null = null;
    let closed = false;
    const committer = new OffsetCommitter(consumer, tracker, log);
    const topicList = topics.map((topic) => ({ topic }));

    let resumed = deferred();
    const pause = () => {
      consumer.pause(topicList);
      log.debug({ inFlight: gauge.inFlight }, 'paused: in-flight records at the high-water mark');
    };
    const resume = () => {
      resumed.resolve();
      resumed = deferred();
      if (closed) return;
      consumer.resume(topicList);
      log.debug({ inFlight: gauge.inFlight }, 'resumed: in-flight records at the low-water mark');
    };
    // Waits inside the batch handler, heartbeating, so the rest of the batch needs no
    // re-fetch; a rebalance surfaces as a heartbeat error that kafkajs handles.
    const waitForResume = async (payload: EachBatchPayload) => {
      while (gauge.isPaused && !closed && payload.isRunning() && !payload.isStale()) {
        await Promise.race([resumed.promise, delay(heartbeatIntervalMs)]);
        await payload.heartbeat();
      }
    };
    const ackFor = (tracked: TrackedOffset) => {
      let done = false;
      return () => {
        if (done) return;
        done = true;
        if (gauge.remove()) resume();
        if (tracker.ack(tracked) && !closed) committer.schedule();
      };
    };

    const handOut = async (payload: EachBatchPayload, message: KafkaMessage): Promise<boolean> => {
      const { topic, partition } = payload.batch;
      const meta: RecordMeta = {
        topic,
        partition,
        offset: message.offset,
        key: message.key ?? null,
        headers: message.headers ?? {},
        timestampMs: Number(message.timestamp),
      };
      const ack = ackFor(tracker.track(topic, partition, message.offset));
      if (gauge.add()) pause();
      payload.resolveOffset(message.offset);

      let value: T;
      try {
        value = options.decode(message.value ?? null, meta);
      } catch (error) {
        return deadLetter(meta, message, error, ack);
      }
      subscriber.next({ ...meta, value, ack });
      return true;
    };

    const deadLetter = async (
      meta: RecordMeta,
      message: KafkaMessage,
      error: unknown,
      ack: () => void,
    ): Promise<boolean> => {
      if (!sink) {
        subscriber.error(new RecordDecodeError(meta, error));
        return false;
      }
      try {
        await sink.send({ ...meta, value: message.value ?? null }, error);
      } catch (sendError) {
        subscriber.error(sendError);
        return false;
      }
      ack();
      return true;
    };

    const eachBatch = async (payload: EachBatchPayload) => {
      for (const message of payload.batch.messages) {
        if (gauge.isPaused) await waitForResume(payload);
        // Unresolved offsets stay unread: a seek, a rebalance or the next owner reads them.
        if (closed || !payload.isRunning() || payload.isStale()) break;
        if (!(await handOut(payload, message))) break;
      }
    };

    consumer.on(consumer.events.GROUP_JOIN, (event) => {
      tracker.reset();
      log.info({ assignment: event.payload.memberAssignment }, 'joined the group');
      options.onGroupJoin?.(event.payload.memberAssignment);
    });
    consumer.on(consumer.events.CRASH, (event) => {
      if (event.payload.restart || closed) return;
      subscriber.error(
        new TmrmError(`fromTopic: the consumer of group "${options.groupId}" crashed`, {
          retriable: true,
          cause: event.payload.error,
        }),
      );
    });

    const start = async () => {
      const retry = { brokers: options.brokers, logger: options.logger, ...options.connect };
      await connectWithRetry(consumer, { ...retry, operation: 'fromTopic consumer' });
      if (options.deadLetters) {
        producer = options.kafka.producer({ idempotent: true, allowAutoTopicCreation: false });
        await connectWithRetry(producer, { ...retry, operation: 'fromTopic dead-letter producer' });
        sink = new DeadLetterSink({
          producer,
          topic: options.deadLetters.topic,
          registry: options.deadLetters.registry,
          logger: options.logger,
        });
      }
      if (closed) return;
      await consumer.subscribe({ topics, fromBeginning: options.fromBeginning ?? false });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: 1,
        eachBatch,
      });
      log.info({ topics }, 'consuming');
    };
    const started = start().catch((error: unknown) => subscriber.error(error));

    return () => {
      closed = true;
      resumed.resolve();
      void (async () => {
        // Disconnecting while a connect is under way would leave the late connection open.
        await started;
        await committer.flush();
        await Promise.allSettled([consumer.disconnect(), producer?.disconnect()]);
        log.info({ maxInFlight: gauge.maxInFlight }, 'consumer closed');
        options.onClose?.();
      })();
    };
  });
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
