import type { DatasetReader } from '../readers/dataset-reader';
import type { InteractionEvent, ItemProfile, UserProfile } from '../records';

/** Reads a whole data set into arrays (tests only). */
export async function collectRecords(reader: DatasetReader): Promise<{
  users: UserProfile[];
  items: ItemProfile[];
  events: InteractionEvent[];
  labels: (0 | 1 | null)[];
}> {
  const users: UserProfile[] = [];
  const items: ItemProfile[] = [];
  const events: InteractionEvent[] = [];
  const labels: (0 | 1 | null)[] = [];
  for await (const record of reader.records()) {
    if (record.kind === 'user') users.push(record.profile);
    else if (record.kind === 'item') items.push(record.profile);
    else {
      events.push(record.event);
      labels.push(record.label);
    }
  }
  return { users, items, events, labels };
}
