import type { DatasetReader, InteractionEvent, ItemProfile, UserProfile } from '@tmrm/datasets';

/** Events per chunk of {@link OrderedDataset.eventChunks}. */
export const EVENT_CHUNK_SIZE = 1024;

/** The records of a data set in replay order: profiles, then events by event time. */
export interface OrderedDataset {
  users: UserProfile[];
  items: ItemProfile[];
  /** How many events the data set has (after skipping bad lines). */
  eventCount: number;
  /**
   * Events in non-decreasing event time, ties in file order, in chunks of up to
   * {@link EVENT_CHUNK_SIZE} (one await per chunk, not per event); a fresh iterator each call.
   */
  eventChunks(): AsyncGenerator<InteractionEvent[]>;
  /** False when the file was out of order, so the events were held in memory and sorted. */
  streamed: boolean;
}

/**
 * Reads a data set once to collect its profiles and learn whether its events are already in
 * time order. If they are (synthetic data, most logs), events are streamed again from the files
 * on replay, in constant memory. If not (MovieLens files are ordered by user), the events are
 * read into memory and stably sorted by time: about 200 bytes an event, so ml-25m needs ~5 GB.
 */
export async function orderDataset(reader: DatasetReader): Promise<OrderedDataset> {
  const users: UserProfile[] = [];
  const items: ItemProfile[] = [];
  let eventCount = 0;
  let previousMs = -Infinity;
  let sorted = true;
  for await (const record of reader.records()) {
    if (record.kind === 'user') users.push(record.profile);
    else if (record.kind === 'item') items.push(record.profile);
    else {
      eventCount++;
      if (record.event.eventTimeMs < previousMs) sorted = false;
      previousMs = record.event.eventTimeMs;
    }
  }

  if (sorted) {
    return { users, items, eventCount, streamed: true, eventChunks: () => chunksOf(reader) };
  }
  const held: InteractionEvent[] = [];
  for await (const event of eventsOf(reader)) held.push(event);
  // Array.prototype.sort is stable, so events at the same time keep their file order.
  held.sort((a, b) => a.eventTimeMs - b.eventTimeMs);
  async function* fromMemory(): AsyncGenerator<InteractionEvent[]> {
    for (let start = 0; start < held.length; start += EVENT_CHUNK_SIZE) {
      yield held.slice(start, start + EVENT_CHUNK_SIZE);
    }
  }
  return { users, items, eventCount: held.length, streamed: false, eventChunks: fromMemory };
}

async function* eventsOf(reader: DatasetReader): AsyncGenerator<InteractionEvent> {
  for await (const record of reader.records()) if (record.kind === 'event') yield record.event;
}

async function* chunksOf(reader: DatasetReader): AsyncGenerator<InteractionEvent[]> {
  let chunk: InteractionEvent[] = [];
  for await (const event of eventsOf(reader)) {
    chunk.push(event);
    if (chunk.length === EVENT_CHUNK_SIZE) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}
