import { createSyntheticDataset, type SyntheticDataset } from '@tmrm/datasets';
import type { InteractionEvent } from '@tmrm/schemas';
import { syntheticEvents } from '../kafka/publish-synthetic';
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
  const events = [...syntheticEvents(dataset)];
  return { dataset, events, store };
}
