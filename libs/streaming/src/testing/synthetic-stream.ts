import { createSyntheticDataset, type SyntheticDataset } from '@tmrm/datasets';
import type { InteractionEvent } from '@tmrm/schemas';
import { ProfileStore } from '../profile-store';

/** A small synthetic data set as interaction events plus a profile store holding its world. */
export function syntheticStream(options: {
  users: number;
  items: number;
  events: number;
  seed: number;
}): {
  dataset: SyntheticDataset;
  events: InteractionEvent[];
  store: ProfileStore;
} {
  const dataset = createSyntheticDataset(options);
  const store = new ProfileStore();
  for (const profile of dataset.world.userProfiles)
    store.apply({ kind: 'user', key: profile.userId, profile });
  for (const profile of dataset.world.itemProfiles)
    store.apply({ kind: 'item', key: profile.itemId, profile });
  const events: InteractionEvent[] = [];
  for (const sample of dataset.samples()) {
    events.push({
      eventId: `e${sample.index}`,
      userId: sample.userId,
      itemId: sample.itemId,
      eventType: sample.label === 1 ? 'click' : 'view',
      value: null,
      eventTimeMs: sample.eventTimeMs,
      context: sample.context,
    });
  }
  return { dataset, events, store };
}
