import { map, type OperatorFunction } from 'rxjs';
import type { ProfileStore } from './profile-store';
import type { JoinedEvent, LabelledEvent } from './types';

/** Options for {@link joinProfiles}. */
export interface JoinProfilesOptions {
  /** Where the side features are; fed separately by `applyProfiles`. */
  store: ProfileStore;
}

/**
 * Attaches the current user and item profiles to each labelled event. A profile not (yet)
 * known joins as `null` rather than holding the event back: waiting would need unbounded
 * buffering, and the model treats absent side features as missing values.
 */
export function joinProfiles<T extends LabelledEvent>(
  options: JoinProfilesOptions,
): OperatorFunction<T, T & JoinedEvent> {
  const { store } = options;
  return map((labelled) => ({
    ...labelled,
    user: store.user(labelled.event.userId),
    item: store.item(labelled.event.itemId),
  }));
}
