import { map, type OperatorFunction } from 'rxjs';
import type { ProfileStore, ProfileStoreStats, ProfileUpdate } from './profile-store';

/**
 * Feeds profile records (upserts and tombstones) into a {@link ProfileStore} and emits the
 * store's size after each one, so a caller can log it or wait until a topic is loaded.
 *
 * @example
 * merge(
 *   profileUpdates$.pipe(applyProfiles(store), ignoreElements()),
 *   labelled$.pipe(joinProfiles({ store })),
 * );
 */
export function applyProfiles(
  store: ProfileStore,
): OperatorFunction<ProfileUpdate, ProfileStoreStats> {
  return map((update) => {
    store.apply(update);
    return store.stats();
  });
}
