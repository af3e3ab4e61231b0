import { Partitioners, type Kafka, type Message, type Producer } from 'kafkajs';
import { silentLogger, type Logger } from '@tmrm/common';
import type { DatasetReader } from '@tmrm/datasets';
import { codecFor } from '@tmrm/schemas';
import { orderDataset } from './ordered-events';
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
  /** Messages per produce request; default 5000. */
  batchSize?: number;
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

  // kafkajs wants unlimited retries for an idempotent producer (fewer may break its exactly-once
  // guarantee); a second Ctrl-C ends a replay stuck retrying, and the state file says where.
  const producer = options.kafka.producer({
    idempotent: true,
    allowAutoTopicCreation: false,
    // Named explicitly (it is kafkajs's default, murmur2 as in the Java client) to say so and
    // to silence kafkajs's warning about its v2 change of default.
    createPartitioner: Partitioners.DefaultPartitioner,
    retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 300, maxRetryTime: 10_000 },
  });
  await producer.connect();
  const startedMs = clock.nowMs();
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

    const eventCodec = codecFor('InteractionEvent');
    const pacer = new ReplayPacer(options.pace, clock);
    let batch: Message[] = [];
    // One produce request in flight at a time keeps the idempotent producer's per-partition
    // order simple; the next batch is encoded while the previous one travels.
    let inFlight: Promise<void> = Promise.resolve();
    const flush = async () => {
      await inFlight;
      if (batch.length === 0) return;
      const messages = batch;
      const reached = position;
      batch = [];
      inFlight = producer.send({ topic, messages }).then(async () => {
        eventsSent += messages.length;
        state.eventsSent = reached;
        if (options.statePath) await saveReplayState(options.statePath, state);
        const elapsedMs = clock.nowMs() - startedMs;
        options.onProgress?.({ position: reached, end, eventsSent, elapsedMs });
      });
    };
    for await (const event of ordered.events()) {
      if (position < fromEvent) {
        position++;
        continue;
      }
      if (position >= end || options.signal?.aborted) break;
      const waitMs = pacer.waitMs(event.eventTimeMs);
      if (waitMs > 0) {
        await flush();
        await inFlight;
        await clock.sleepMs(waitMs);
      }
      batch.push({ key: event.userId, value: eventCodec.encode(event) });
      position++;
      if (batch.length >= batchSize) await flush();
    }
    await flush();
    await inFlight;
  } finally {
    await producer.disconnect();
  }

  const elapsedMs = clock.nowMs() - startedMs;
  return {
    usersSent,
    itemsSent,
    eventsSent,
    fromEvent,
    position,
    eventsInDataset: ordered.eventCount,
    elapsedMs,
    eventsPerSecond: elapsedMs > 0 ? (eventsSent / elapsedMs) * 1000 : 0,
    badLinesSkipped: options.reader.issues.count,
    ordering: ordered.streamed ? 'streamed' : 'sorted in memory',
    stopped: position < end,
  };
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
