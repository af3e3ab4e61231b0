/**
 * How far a reader has got in each partition of one topic, with a way to wait for it: lets a
 * second consumer of the same topic act on a record only once the first has handled it.
 */
export class OffsetWatermarks {
  /** Next offset to handle per partition. */
  private readonly next = new Map<number, bigint>();
  private waiters: { partition: number; offset: bigint; wake: () => void }[] = [];

  /** Marks `offset` of `partition` as handled. */
  advance(partition: number, offset: string): void {
    const next = BigInt(offset) + 1n;
    if ((this.next.get(partition) ?? -1n) >= next) return;
    this.next.set(partition, next);
    this.waiters = this.waiters.filter((waiter) => {
      if (waiter.partition !== partition || waiter.offset >= next) return true;
      waiter.wake();
      return false;
    });
  }

  /** Resolves true once `offset` of `partition` is handled, or false after `timeoutMs`. */
  reached(partition: number, offset: string, timeoutMs: number): Promise<boolean> {
    const wanted = BigInt(offset);
    if (wanted < (this.next.get(partition) ?? -1n)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = {
        partition,
        offset: wanted,
        wake: () => {
          clearTimeout(timer);
          resolve(true);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((other) => other !== waiter);
        resolve(false);
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }
}
