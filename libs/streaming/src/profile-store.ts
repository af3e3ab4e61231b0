import type { ItemProfile, UserProfile } from '@tmrm/schemas';
import { LruStore } from './lru-store';

/**
 * One record of a compacted profile topic. `profile: null` is a tombstone: the key was
 * deleted upstream, so the store forgets it.
 */
export type ProfileUpdate =
  | { kind: 'user'; key: string; profile: UserProfile | null }
  | { kind: 'item'; key: string; profile: ItemProfile | null };

/** Options for {@link ProfileStore}. */
export interface ProfileStoreOptions {
  /** Most user profiles held (least recently used evicted beyond); default 100,000. */
  maxUsers?: number;
  /** Most item profiles held; default 100,000. */
  maxItems?: number;
}

/** How many profiles the store holds and how many it had to forget. */
export interface ProfileStoreStats {
  users: number;
  items: number;
  evicted: number;
  tombstones: number;
}

/**
 * The user and item side features of the compacted profile topics, held in bounded memory.
 * Records apply in arrival order, which is the topic's order per key, so the last write wins
 * as Kafka's compaction means it to. A profile evicted for lack of room reads as missing: the
 * sample then carries only ids and counters, which the model handles like any missing feature.
 */
export class ProfileStore {
  private readonly users: LruStore<string, UserProfile>;
  private readonly items: LruStore<string, ItemProfile>;
  private tombstones = 0;

  constructor(options: ProfileStoreOptions = {}) {
    this.users = new LruStore({ maxEntries: options.maxUsers ?? 100_000, name: 'maxUsers' });
    this.items = new LruStore({ maxEntries: options.maxItems ?? 100_000, name: 'maxItems' });
  }

  apply(update: ProfileUpdate): void {
    if (update.profile === null) this.tombstones += 1;
    if (update.kind === 'user') {
      if (update.profile === null) this.users.delete(update.key);
      else this.users.set(update.key, update.profile);
    } else if (update.profile === null) {
      this.items.delete(update.key);
    } else {
      this.items.set(update.key, update.profile);
    }
  }

  user(userId: string): UserProfile | null {
    return this.users.get(userId) ?? null;
  }

  item(itemId: string): ItemProfile | null {
    return this.items.get(itemId) ?? null;
  }

  stats(): ProfileStoreStats {
    return {
      users: this.users.size,
      items: this.items.size,
      evicted: this.users.evicted + this.items.evicted,
      tombstones: this.tombstones,
    };
  }
}
