import { ConfigError } from '@tmrm/common';
import { BEHAVIOUR_STATE_VERSION, type BehaviourState } from './behaviour-state';
import { CoOccurrence, type CoOccurrenceOptions } from './co-occurrence';
import { LruStore } from './lru-store';

/** Options for {@link RecentBehaviour}. */
export interface RecentBehaviourOptions {
  /** Users whose recent history is kept (least recently active evicted); default 100,000. */
  maxUsers?: number;
  /** Interactions remembered per user; default 50. */
  historyPerUser?: number;
  /** Positive interactions in the global popularity window; default 10,000. */
  popularityWindowEvents?: number;
  /**
   * Bounds of the co-occurrence counts, or `false` not to count them (a trainer: only
   * candidate generation reads them, and counting was a fifth of featurize's time).
   */
  coOccurrence?: CoOccurrenceOptions | false;
}

/** One remembered interaction of a user. */
export interface HistoryEntry {
  itemId: string;
  positive: boolean;
}

/**
 * A user's remembered interactions: item ids and labels in two arrays that fill up to
 * `historyPerUser` and then turn into a ring (`next` is the oldest once full), with the count
 * of positives among them.
 */
interface UserHistory {
  itemIds: string[];
  positive: boolean[];
  next: number;
  positives: number;
}

/**
 * The bounded recent past of the stream that the operators read: each user's last
 * interactions, how often each item was liked in a sliding window of the last W positives
 * (recent popularity, also the pool negatives are drawn from), and item co-occurrence counts.
 *
 * Readers (`featurize`, `sampleNegatives`, candidate generation) read before the current event
 * is recorded, so a sample's counters describe only the past and never leak its own label.
 */
export class RecentBehaviour {
  readonly historyPerUser: number;
  /** Empty when the options turned counting off. */
  readonly coOccurrence: CoOccurrence;
  private readonly countsCoOccurrence: boolean;
  private readonly users: LruStore<string, UserHistory>;
  /** Ring buffer of the item ids of the last W positive events. */
  private readonly window: string[] = [];
  private readonly windowSize: number;
  private windowNext = 0;
  private readonly popularity = new Map<string, number>();
  private popularCache: string[] | null = null;
  private recordedSinceCache = 0;

  constructor(options: RecentBehaviourOptions = {}) {
    this.users = new LruStore({ maxEntries: options.maxUsers ?? 100_000, name: 'maxUsers' });
    this.historyPerUser = positiveInteger('historyPerUser', options.historyPerUser ?? 50);
    this.windowSize = positiveInteger(
      'popularityWindowEvents',
      options.popularityWindowEvents ?? 10_000,
    );
    this.countsCoOccurrence = options.coOccurrence !== false;
    this.coOccurrence = new CoOccurrence(options.coOccurrence || {});
  }

  /**
   * Records an interaction that really happened (never a synthetic negative).
   *
   * Hot path (every training event), written to allocate nothing once a user's history is
   * full: one store lookup (`get` already marks the user recent), the history a ring, and the
   * positives counted as entries come and go. An object per entry in an array trimmed by
   * `shift` kept promoting entries and re-grown arrays to the old generation, and garbage
   * collection was a quarter of featurize's time (bench/ingest).
   */
  record(userId: string, itemId: string, positive: boolean): void {
    let history = this.users.get(userId);
    if (history === undefined) {
      history = { itemIds: [], positive: [], next: 0, positives: 0 };
      this.users.set(userId, history);
    }
    if (positive) {
      if (this.countsCoOccurrence) {
        for (let at = 0; at < history.itemIds.length; at++) {
          if (history.positive[at]) this.coOccurrence.add(history.itemIds[at], itemId);
        }
      }
      this.pushPopular(itemId);
      history.positives += 1;
    }
    if (history.itemIds.length < this.historyPerUser) {
      history.itemIds.push(itemId);
      history.positive.push(positive);
      return;
    }
    const oldest = history.next;
    if (history.positive[oldest]) history.positives -= 1;
    history.itemIds[oldest] = itemId;
    history.positive[oldest] = positive;
    history.next = (oldest + 1) % history.itemIds.length;
  }

  /** The user's remembered interactions, oldest first. */
  history(userId: string): HistoryEntry[] {
    const history = this.users.peek(userId);
    if (!history) return [];
    const { itemIds, positive, next } = history;
    return itemIds.map((_, i) => {
      const at = (next + i) % itemIds.length;
      return { itemId: itemIds[at], positive: positive[at] };
    });
  }

  /** Whether the user interacted with the item within the remembered history. */
  hasInteracted(userId: string, itemId: string): boolean {
    return this.users.peek(userId)?.itemIds.includes(itemId) ?? false;
  }

  /** Positives of the user within the remembered history. */
  userPositives(userId: string): number {
    return this.users.peek(userId)?.positives ?? 0;
  }

  /** Positives of the item within the popularity window. */
  itemPopularity(itemId: string): number {
    return this.popularity.get(itemId) ?? 0;
  }

  /** Number of positives in the popularity window (at most its size). */
  get windowFill(): number {
    return this.window.length;
  }

  /**
   * The item of a uniformly chosen slot of the popularity window, i.e. an item drawn with
   * probability proportional to its recent popularity. `random` returns numbers in [0, 1).
   */
  drawRecentItem(random: () => number): string | undefined {
    if (this.window.length === 0) return undefined;
    return this.window[Math.floor(random() * this.window.length)];
  }

  /**
   * Items by recent popularity, most popular first. With many distinct items the order is
   * re-sorted at most every 256 records, so a burst of requests does not sort each time;
   * between sorts it may lag by up to 256 events.
   */
  popularItems(limit: number): string[] {
    const stale =
      this.recordedSinceCache >= 256 ||
      (this.recordedSinceCache > 0 && this.popularity.size < 2048);
    if (this.popularCache === null || stale) {
      this.popularCache = [...this.popularity.entries()]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .map(([itemId]) => itemId);
      this.recordedSinceCache = 0;
    }
    return this.popularCache.slice(0, limit);
  }

  /**
   * The user histories and the popularity window, for a checkpoint. At most `maxUsers` users
   * are kept, the most recently active; the others' counters restart from zero after a
   * restore, as if they had been evicted. Co-occurrence counts are left out: only candidate
   * generation reads them, and the trainer does not generate candidates.
   */
  exportState(options: { maxUsers: number }): BehaviourState {
    const items: string[] = [];
    const indexOf = new Map<string, number>();
    const index = (itemId: string) => {
      let found = indexOf.get(itemId);
      if (found === undefined) {
        found = items.length;
        items.push(itemId);
        indexOf.set(itemId, found);
      }
      return found;
    };
    const all = [...this.users.entriesOldestFirst()];
    const users = all
      .slice(Math.max(0, all.length - options.maxUsers))
      .map(([userId]): [string, number[]] => [
        userId,
        this.history(userId).map((entry) => index(entry.itemId) * 2 + (entry.positive ? 1 : 0)),
      ]);
    const full = this.window.length === this.windowSize;
    const chronological = full
      ? [...this.window.slice(this.windowNext), ...this.window.slice(0, this.windowNext)]
      : this.window;
    return { version: BEHAVIOUR_STATE_VERSION, items, users, window: chronological.map(index) };
  }

  /**
   * Replaces the histories and the popularity window with a checkpoint's (see
   * {@link exportState}); this instance's bounds apply, so a smaller one keeps the newest part.
   */
  importState(state: BehaviourState): void {
    for (const [userId] of [...this.users.entriesOldestFirst()]) this.users.delete(userId);
    for (const [userId, codes] of state.users) {
      const kept = codes.slice(-this.historyPerUser);
      const positive = kept.map((code) => code % 2 === 1);
      this.users.set(userId, {
        itemIds: kept.map((code) => state.items[Math.floor(code / 2)]),
        positive,
        next: 0,
        positives: positive.filter(Boolean).length,
      });
    }
    this.window.length = 0;
    this.windowNext = 0;
    this.popularity.clear();
    for (const index of state.window.slice(-this.windowSize)) this.pushPopular(state.items[index]);
    this.popularCache = null;
  }

  private pushPopular(itemId: string): void {
    if (this.window.length < this.windowSize) {
      this.window.push(itemId);
    } else {
      const leaving = this.window[this.windowNext];
      const left = (this.popularity.get(leaving) ?? 1) - 1;
      if (left <= 0) this.popularity.delete(leaving);
      else this.popularity.set(leaving, left);
      this.window[this.windowNext] = itemId;
      this.windowNext = (this.windowNext + 1) % this.windowSize;
    }
    this.popularity.set(itemId, (this.popularity.get(itemId) ?? 0) + 1);
    this.recordedSinceCache += 1;
  }
}

function positiveInteger(option: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new ConfigError(option, value, 'must be an integer >= 1');
  }
  return value;
}
