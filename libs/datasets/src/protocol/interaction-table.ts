import type { EventType, Features, ItemProfile, UserProfile } from '../records';
import type { DatasetReader } from '../readers/dataset-reader';

/**
 * All events of a data set in compact columns (typed arrays, ids interned to indices), with the
 * profiles by index. The protocol needs every user's full interaction set before it can sample
 * negatives, so this is the one place a data set is held in memory: about 30 bytes an event
 * plus the contexts that are not null.
 */
export interface InteractionTable {
  userIds: string[];
  itemIds: string[];
  userProfiles: (UserProfile | undefined)[];
  itemProfiles: (ItemProfile | undefined)[];
  size: number;
  userIndex: Int32Array;
  itemIndex: Int32Array;
  timeMs: Float64Array;
  /** The event's value (e.g. a rating); NaN when null. */
  value: Float64Array;
  /** 0/1 for labelled events, -1 for implicit ones. */
  label: Int8Array;
  eventType: EventType[];
  /** Context per event, or null for all when no event had one. */
  contexts: (Features | null)[] | null;
}

/** Reads a whole data set into an {@link InteractionTable}. */
export async function collectInteractions(reader: DatasetReader): Promise<InteractionTable> {
  const users = new Map<string, number>();
  const items = new Map<string, number>();
  const table: InteractionTable = {
    userIds: [],
    itemIds: [],
    userProfiles: [],
    itemProfiles: [],
    size: 0,
    userIndex: new Int32Array(1024),
    itemIndex: new Int32Array(1024),
    timeMs: new Float64Array(1024),
    value: new Float64Array(1024),
    label: new Int8Array(1024),
    eventType: [],
    contexts: null,
  };
  const intern = (map: Map<string, number>, ids: string[], id: string): number => {
    let index = map.get(id);
    if (index === undefined) {
      index = ids.length;
      map.set(id, index);
      ids.push(id);
    }
    return index;
  };

  const contexts: (Features | null)[] = [];
  let anyContext = false;
  for await (const record of reader.records()) {
    if (record.kind === 'user') {
      table.userProfiles[intern(users, table.userIds, record.profile.userId)] = record.profile;
    } else if (record.kind === 'item') {
      table.itemProfiles[intern(items, table.itemIds, record.profile.itemId)] = record.profile;
    } else {
      const { event } = record;
      if (table.size === table.userIndex.length) grow(table);
      const row = table.size++;
      table.userIndex[row] = intern(users, table.userIds, event.userId);
      table.itemIndex[row] = intern(items, table.itemIds, event.itemId);
      table.timeMs[row] = event.eventTimeMs;
      table.value[row] = event.value ?? Number.NaN;
      table.label[row] = record.label ?? -1;
      table.eventType.push(event.eventType);
      contexts.push(event.context);
      anyContext ||= event.context !== null;
    }
  }
  table.contexts = anyContext ? contexts : null;
  return table;
}

function grow(table: InteractionTable): void {
  const size = table.userIndex.length * 2;
  const copy = <A extends Int32Array | Float64Array | Int8Array>(array: A, next: A): A => {
    next.set(array);
    return next;
  };
  table.userIndex = copy(table.userIndex, new Int32Array(size));
  table.itemIndex = copy(table.itemIndex, new Int32Array(size));
  table.timeMs = copy(table.timeMs, new Float64Array(size));
  table.value = copy(table.value, new Float64Array(size));
  table.label = copy(table.label, new Int8Array(size));
}
