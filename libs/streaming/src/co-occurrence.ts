import { ConfigError } from '@tmrm/common';
import { LruStore } from './lru-store';

/** Options for {@link CoOccurrence}. */
export interface CoOccurrenceOptions {
  /** Most items with a neighbour list (least recently touched evicted); default 20,000. */
  maxItems?: number;
  /** Most neighbours kept per item; the least counted one is dropped beyond; default 50. */
  maxNeighboursPerItem?: number;
}

/**
 * Bounded counts of how often two items were liked by the same user close together in time,
 * the "people who liked this also liked" signal of candidate generation. Memory is at most
 * `maxItems * maxNeighboursPerItem` counters. Dropping the least counted neighbour when a list
 * is full biases the counts toward pairs that keep recurring, which is what ranking needs; a
 * dropped pair that recurs starts again from one.
 */
export class CoOccurrence {
  private readonly neighbours: LruStore<string, Map<string, number>>;
  private readonly maxNeighbours: number;

  constructor(options: CoOccurrenceOptions = {}) {
    this.neighbours = new LruStore({ maxEntries: options.maxItems ?? 20_000, name: 'maxItems' });
    this.maxNeighbours = options.maxNeighboursPerItem ?? 50;
    if (!Number.isInteger(this.maxNeighbours) || this.maxNeighbours < 1) {
      throw new ConfigError('maxNeighboursPerItem', this.maxNeighbours, 'must be an integer >= 1');
    }
  }

  /** Counts one co-occurrence of `a` and `b`, in both directions. */
  add(a: string, b: string): void {
    if (a === b) return;
    this.bump(a, b);
    this.bump(b, a);
  }

  /** The neighbours of `itemId` with their counts. */
  of(itemId: string): ReadonlyMap<string, number> {
    return this.neighbours.peek(itemId) ?? new Map();
  }

  get items(): number {
    return this.neighbours.size;
  }

  private bump(from: string, to: string): void {
    let list = this.neighbours.get(from);
    if (!list) {
      list = new Map();
      this.neighbours.set(from, list);
    }
    list.set(to, (list.get(to) ?? 0) + 1);
    if (list.size > this.maxNeighbours) {
      // forEach rather than for-of over entries: this scan runs on most positives once lists
      // are full, and the [item, count] pair per entry was most of its cost (bench/ingest).
      let weakest = '';
      let weakestCount = Infinity;
      list.forEach((count, item) => {
        if (count < weakestCount && item !== to) {
          weakest = item;
          weakestCount = count;
        }
      });
      list.delete(weakest);
    }
  }
}
