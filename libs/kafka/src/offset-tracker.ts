/** An offset to commit: the next one the group should read from this partition. */
export interface CommitOffset {
  topic: string;
  partition: number;
  offset: string;
}

/** What {@link OffsetTracker.track} hands out; give it back to {@link OffsetTracker.ack}. */
export interface TrackedOffset {
  readonly generation: number;
  readonly topic: string;
  readonly partition: number;
  readonly offset: bigint;
}

/**
 * Turns acknowledgements that arrive in any order into commits that respect
 * offset order per partition.
 *
 * A record acknowledged while an earlier one of its partition is still open
 * cannot be committed yet: committing offset n tells the group that every record
 * before n is done. So each partition keeps the offsets it handed out, in order,
 * and the committable offset is one past the longest acknowledged prefix. Offsets
 * missing from the sequence (compacted away, transaction markers) never block it,
 * because only handed-out offsets are waited for.
 *
 * A rebalance makes every uncommitted offset the business of whichever member gets
 * the partition next, so {@link reset} forgets all state and starts a new
 * generation; late acknowledgements of the old generation are then ignored.
 */
export class OffsetTracker {
  private generation = 0;
  private readonly partitions = new Map<string, PartitionOffsets>();

  /** Records that an offset was handed out, in fetch order for its partition. */
  track(topic: string, partition: number, offset: string): TrackedOffset {
    const key = `${topic}\u0000${partition}`;
    let state = this.partitions.get(key);
    if (!state) {
      state = new PartitionOffsets(topic, partition);
      this.partitions.set(key, state);
    }
    const value = BigInt(offset);
    state.track(value);
    return { generation: this.generation, topic, partition, offset: value };
  }

  /** Marks a handed-out offset done; false when it belongs to a past generation. */
  ack(tracked: TrackedOffset): boolean {
    if (tracked.generation !== this.generation) return false;
    const state = this.partitions.get(`${tracked.topic}\u0000${tracked.partition}`);
    return state ? state.ack(tracked.offset) : false;
  }

  /** The offsets that moved since the last call, one per partition, ready to commit. */
  takeCommits(): CommitOffset[] {
    const commits: CommitOffset[] = [];
    for (const state of this.partitions.values()) {
      const offset = state.takeCommit();
      if (offset !== null) {
        commits.push({ topic: state.topic, partition: state.partition, offset: String(offset) });
      }
    }
    return commits;
  }

  /** Handed-out offsets not yet acknowledged, over all partitions. */
  get pendingCount(): number {
    let count = 0;
    for (const state of this.partitions.values()) count += state.pendingCount;
    return count;
  }

  /** Forgets every partition (after a rebalance); old acknowledgements no longer count. */
  reset(): void {
    this.generation += 1;
    this.partitions.clear();
  }
}

class PartitionOffsets {
  // Handed-out offsets in order; `head` is the first not yet part of the acked prefix.
  private offsets: bigint[] = [];
  private head = 0;
  private readonly acked = new Set<bigint>();
  private committable: bigint | null = null;
  private dirty = false;

  constructor(
    readonly topic: string,
    readonly partition: number,
  ) {}

  get pendingCount(): number {
    return this.offsets.length - this.head - this.acked.size;
  }

  track(offset: bigint): void {
    const last = this.offsets[this.offsets.length - 1];
    if (last !== undefined && offset <= last) {
      // Handed out again (the consumer re-fetched it): the earlier hand-out still stands.
      return;
    }
    this.offsets.push(offset);
  }

  ack(offset: bigint): boolean {
    if (offset < (this.offsets[this.head] ?? offset + 1n) || this.acked.has(offset)) return false;
    this.acked.add(offset);
    while (this.head < this.offsets.length && this.acked.has(this.offsets[this.head])) {
      this.acked.delete(this.offsets[this.head]);
      this.committable = this.offsets[this.head] + 1n;
      this.head += 1;
      this.dirty = true;
    }
    if (this.head > 1024 && this.head * 2 > this.offsets.length) {
      this.offsets = this.offsets.slice(this.head);
      this.head = 0;
    }
    return true;
  }

  takeCommit(): bigint | null {
    if (!this.dirty) return null;
    this.dirty = false;
    return this.committable;
  }
}
