import { createSyntheticDataset, openDataset } from '@tmrm/datasets';
import type { Features, InteractionEvent, ItemProfile, UserProfile } from '@tmrm/schemas';
import { syntheticEvents } from '@tmrm/streaming';

/** What the demo replays: profiles, then time-ordered events; and how it names them. */
export interface DemoData {
  users: UserProfile[];
  items: ItemProfile[];
  /** In event time, oldest first. */
  events: InteractionEvent[];
  /** For the replay line, e.g. `ml-100k from ../shared/datasets/ml-100k`. */
  description: string;
  /** Context to send with a request for the user: that of their last event, else a default. */
  requestContext(userId: string): Features | null;
}

/** Where the demo's data comes from: the synthetic generator (default) or a data set. */
export type DemoSource =
  | { kind: 'synthetic'; users: number; items: number; events: number; seed: number }
  | { kind: 'dataset'; dataset: string; path: string; mappingPath?: string; events?: number };

const SYNTHETIC_CONTEXT: Features = {
  categorical: { weekday: 'Fri' },
  numeric: { hour: 20 },
  multi: {},
};

/**
 * Loads the demo's data. A data set is read in full with `openDataset` and its events sorted
 * by time (stable, so ties keep file order), then cut to the first `events`: memory grows with
 * the data set (about 200 bytes an event), which suits a demo; `tmrm replay` streams instead.
 */
export async function loadDemoData(source: DemoSource): Promise<DemoData> {
  if (source.kind === 'synthetic') {
    const dataset = createSyntheticDataset(source);
    return {
      users: dataset.world.userProfiles,
      items: dataset.world.itemProfiles,
      events: [...syntheticEvents(dataset)],
      description: `${source.users} synthetic users and ${source.items} items (seed ${source.seed})`,
      requestContext: () => SYNTHETIC_CONTEXT,
    };
  }
  const reader = openDataset({
    dataset: source.dataset,
    path: source.path,
    mappingPath: source.mappingPath,
  });
  const users: UserProfile[] = [];
  const items: ItemProfile[] = [];
  let events: InteractionEvent[] = [];
  for await (const record of reader.records()) {
    if (record.kind === 'user') users.push(record.profile);
    else if (record.kind === 'item') items.push(record.profile);
    else events.push(record.event);
  }
  events.sort((a, b) => a.eventTimeMs - b.eventTimeMs);
  if (source.events !== undefined) events = events.slice(0, source.events);
  const lastContext = new Map<string, Features | null>();
  for (const event of events) lastContext.set(event.userId, event.context);
  const skipped = reader.issues.count;
  return {
    users,
    items,
    events,
    description:
      `${users.length} users and ${items.length} items of ${source.dataset} from ` +
      `${source.path}${skipped > 0 ? ` (${skipped} bad lines skipped)` : ''}`,
    requestContext: (userId) => lastContext.get(userId) ?? null,
  };
}
