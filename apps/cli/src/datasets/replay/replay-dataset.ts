import type { Kafka, Message, Producer } from 'kafkajs';
import { ConfigError, silentLogger, type Logger } from '@tmrm/common';
import type { DatasetReader } from '@tmrm/datasets';
import { codecFor } from '@tmrm/schemas';
import { EventSlabEncoder } from './event-slab-encoder';
import { KeyPartitions, presetPartitioner } from './key-partitions';
import { orderDataset } from './ordered-events';
import { PartitionedBatch } from './partitioned-batch';
import { ReplayPacer, systemClock, type PacerClock, type ReplayPace } from './replay-pacer';
import { loadReplayState, saveReplayState, type ReplayState } from './replay-state';

/** Where a replay publishes. */
export interface ReplayTopics {
  interactions: string;
  userProfiles: string;
  itemProfiles: string;
}

/** Progress reported after every acknowledged batch. */
export interface ReplayProgress {
  /** Position in the time-ordered event stream (includes events skipped by `fromEvent`). */
  position: number;
  /** The position the replay stops at. */
  end: number;
  eventsSent: number;
  elapsedMs: number;
}

/** Options of {@link replayDataset}. */
export interface ReplayOptions {
  kafka: Kafka;
  reader: DatasetReader;
  /** Identifies the data set in the state file. */
  source: { dataset: string; path: string };
  topics: ReplayTopics;
  pace: ReplayPace;
  /** Skip the first N events of the time-ordered stream (and the profiles when N > 0). */
  fromEvent?: number;
  /** Send at most N events. */
  limit?: number;
  /** A state file: read to resume (unless `fromEvent` is given), written after every batch. */
  statePath?: string;
  /** Messages per batch; default 5000. A batch is sent once it is full, as described below. */
  batchSize?: number;
  /**
   * Acknowledgement of events: `all` (default) by every in-sync replica, through the idempotent
   * producer, so a retry never duplicates; `leader` by the partition leader only (acks=1),
   * without idempotence: faster, but a retried request may write its events twice.
   */
  acks?: 'all' | 'leader';
  /**
   * Produce requests each batch is split into, by partition (no two share one), sent together;
   * default 2. The idempotent producer still sends one request at a time to each broker, so with
   * `acks: 'all'` the gain is that one request is prepared while the other travels.
   */
  requestsPerBatch?: number;
  onProgress?: (progress: ReplayProgress) => void;
  /** Aborting stops after the batch in flight; the state file then says where to resume. */
  signal?: AbortSignal;
  logger?: Logger;
  clock?: PacerClock;
}

/** What a replay did. */
export interface ReplaySummary {
  usersSent: number;
  itemsSent: number;
  eventsSent: number;
  fromEvent: number;
  /** The position reached: pass it as `--from` to continue. */
  position: number;
  eventsInDataset: number;
  elapsedMs: number;
  eventsPerSecond: number;
  /** CPU time of this process (all threads) while sending, the broker's excluded. */
  sendCpuMs: number;
  badLinesSkipped: number;
  ordering: 'streamed' | 'sorted in memory';
  stopped: boolean;
}

/**
 * Replays a data set into Kafka as a live system would have seen it: user and item profiles
 * first (keyed by id, to the compacted profile topics), then the events in event-time order,
 * keyed by user id so each user's events stay ordered in one partition. Records are encoded
 * with the @tmrm/schemas codecs and sent by an idempotent producer in large batches.
 *
 * Messages carry the broker's append time, not the event time: with 30-day retention, events
 * from 1998 stamped with their own time would be deleted as soon as they arrive.
 */
export async function replayDataset(options: ReplayOptions): Promise<ReplaySummary> {
  const log = (options.logger ?? silentLogger).child({ component: 'replay' });
  const clock = options.clock ?? systemClock;
  const batchSize = options.batchSize ?? 5000;
  const acks = options.acks ?? 'all';
  const requestsPerBatch = options.requestsPerBatch ?? 2;
  if (acks !== 'all' && acks !== 'leader') {
    throw new ConfigError('--acks', acks, "must be 'all' or 'leader'");
  }
  if (!Number.isInteger(requestsPerBatch) || requestsPerBatch < 1 || requestsPerBatch > 64) {
    throw new ConfigError('--requests-per-batch', requestsPerBatch, 'must be an integer in 1..64');
  }
  const topic = options.topics.interactions;
  const saved = options.statePath
    ? loadReplayState(options.statePath, { ...options.source, topic })
    : null;
  const fromEvent = options.fromEvent ?? saved?.eventsSent ?? 0;
  const sendProfiles = options.fromEvent === undefined ? !saved?.profilesSent : fromEvent === 0;

  const ordered = await orderDataset(options.reader);
  const end = Math.min(ordered.eventCount, fromEvent + (options.limit ?? Infinity));
  log.info(
    { events: ordered.eventCount, fromEvent, end, streamed: ordered.streamed },
    'replay ordered',
  );

  const partitions = new KeyPartitions(topic, await topicPartitions(options.kafka, topic));
  // kafkajs wants unlimited retries for an idempotent producer (fewer may break its exactly-once
  // guarantee); a second Ctrl-C ends a replay stuck retrying, and the state file says where.
  const producer = options.kafka.producer({
    idempotent: acks === 'all',
    allowAutoTopicCreation: false,
    // Events name their partition (KeyPartitions: kafkajs's default murmur2, computed once per
    // user); profiles are partitioned by kafkajs's default.
    createPartitioner: presetPartitioner,
    retry: {
      retries: acks === 'all' ? Number.MAX_SAFE_INTEGER : 5,
      initialRetryTime: 300,
      maxRetryTime: 10_000,
    },
  });
  await producer.connect();
  const startedMs = clock.nowMs();
  const startedCpu = process.cpuUsage();
  const state: ReplayState = {
    format: 'tmrm-replay-state',
    version: 1,
    ...options.source,
    topic,
    profilesSent: !sendProfiles,
    eventsSent: fromEvent,
  };
  let usersSent = 0;
  let itemsSent = 0;
  let eventsSent = 0;
  let position = 0;
  try {
    if (sendProfiles) {
      const userCodec = codecFor('UserProfile');
      const itemCodec = codecFor('ItemProfile');
      usersSent = await sendAll(
        producer,
        options.topics.userProfiles,
        ordered.users,
        batchSize,
        (u) => ({ key: u.userId, value: userCodec.encode(u) }),
      );
      itemsSent = await sendAll(
        producer,
        options.topics.itemProfiles,
        ordered.items,
        batchSize,
        (i) => ({ key: i.itemId, value: itemCodec.encode(i) }),
      );
      state.profilesSent = true;
      if (options.statePath) await saveReplayState(options.statePath, state);
      log.info({ usersSent, itemsSent }, 'profiles sent');
    }

    const eventEncoder = new EventSlabEncoder();
    const pacer = new ReplayPacer(options.pace, clock);
    const batch = new PartitionedBatch(partitions, requestsPerBatch);
    // One batch in flight at a time, its requests on disjoint partitions, keeps each
    // partition's order even when a request is retried; the next batch is encoded while the
    // previous one travels. The state file then names a position every event before which
    // has been acknowledged.
    let inFlight: Promise<void> = Promise.resolve();
    const flush = async () => {
      await inFlight;
      if (batch.size === 0) return;
      const sent = batch.size;
      const requests = batch.take();
      const reached = position;
      const ackCount = acks === 'all' ? -1 : 1;
      const sends = requests.map((messages) => producer.send({ topic, messages, acks: ackCount }));
      inFlight = Promise.all(sends).then(async () => {
        eventsSent += sent;
        state.eventsSent = reached;
        if (options.statePath) await saveReplayState(options.statePath, state);
        const elapsedMs = clock.nowMs() - startedMs;
        options.onProgress?.({ position: reached, end, eventsSent, elapsedMs });
      });
    };
    const paced = options.pace.kind !== 'max';
    events: for await (const chunk of ordered.eventChunks()) {
      for (const event of chunk) {
        if (position < fromEvent) {
          position++;
          continue;
        }
        if (position >= end || options.signal?.aborted) break events;
        const waitMs = paced ? pacer.waitMs(event.eventTimeMs) : 0;
        if (waitMs > 0) {
          await flush();
          await inFlight;
          await clock.sleepMs(waitMs);
        }
        batch.add(event.userId, eventEncoder.encode(event));
        position++;
        if (batch.size >= batchSize) await flush();
      }
    }
    await flush();
    await inFlight;
  } finally {
    await producer.disconnect();
  }

  const elapsedMs = clock.nowMs() - startedMs;
  const cpu = process.cpuUsage(startedCpu);
  return {
    usersSent,
    itemsSent,
    eventsSent,
    fromEvent,
    position,
    eventsInDataset: ordered.eventCount,
    elapsedMs,
    eventsPerSecond: elapsedMs > 0 ? (eventsSent / elapsedMs) * 1000 : 0,
    sendCpuMs: (cpu.user + cpu.system) / 1000,
    badLinesSkipped: options.reader.issues.count,
    ordering: ordered.streamed ? 'streamed' : 'sorted in memory',
    stopped: position < end,
  };
}

/** The partitions of a topic, as its leader broker reports them. */
async function topicPartitions(kafka: Kafka, topic: string) {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    return metadata.topics[0].partitions;
  } finally {
    await admin.disconnect();
  }
}

async function sendAll<T>(
  producer: Producer,
  topic: string,
  records: T[],
  batchSize: number,
  toMessage: (record: T) => Message,
): Promise<number> {
  for (let start = 0; start < records.length; start += batchSize) {
    await producer.send({
      topic,
      messages: records.slice(start, start + batchSize).map(toMessage),
    });
  }
  return records.length;
}
