import { ConfigError } from '@tmrm/common';

/** Options for {@link LruStore}. */
export interface LruStoreOptions {
  /** Most entries held; the least recently used one is evicted beyond it. */
  maxEntries: number;
  /** Name used in error messages, such as `profiles.maxUsers`. */
  name?: string;
}

/**
 * A bounded key-value store that forgets the least recently used entry when full, so the
 * state a stream operator keeps (profiles, histories, counters) never grows with the stream.
 *
 * A JavaScript `Map` iterates in insertion order, so deleting and re-inserting a key on every
 * touch keeps the least recently used key first; eviction takes the first key, in O(1).
 */
export class LruStore<K, V> {
  readonly maxEntries: number;
  private readonly entries = new Map<K, V>();
  private evictedCount = 0;

  constructor(options: LruStoreOptions) {
    const name = options.name ?? 'maxEntries';
    if (!Number.isInteger(options.maxEntries) || options.maxEntries < 1) {
      throw new ConfigError(name, options.maxEntries, 'must be an integer >= 1');
    }
    this.maxEntries = options.maxEntries;
  }

  /** The value for `key`, marking it as recently used. */
  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  /** The value for `key` without touching its recency. */
  peek(key: K): V | undefined {
    return this.entries.get(key);
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  /** Stores `value`, evicting the least recently used entry if the store is full. */
  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as K;
      this.entries.delete(oldest);
      this.evictedCount += 1;
    }
  }

  delete(key: K): boolean {
    return this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  /** How many entries were evicted for lack of room since the store was made. */
  get evicted(): number {
    return this.evictedCount;
  }

  /** Entries from least to most recently used. */
  entriesOldestFirst(): IterableIterator<[K, V]> {
    return this.entries.entries();
  }
}
