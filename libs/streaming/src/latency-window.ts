/**
 * The last `capacity` latencies (ms) in a ring buffer, with quantiles for metrics and health.
 * Adding is O(1) with no allocation (the array it replaces shifted 10,000 entries per request
 * once full, and every status read copied it).
 */
export class LatencyWindow {
  private readonly values: Float64Array;
  private next = 0;
  private filled = 0;

  constructor(readonly capacity = 10_000) {
    this.values = new Float64Array(capacity);
  }

  add(ms: number): void {
    this.values[this.next] = ms;
    this.next = (this.next + 1) % this.capacity;
    this.filled = Math.min(this.filled + 1, this.capacity);
  }

  /** How many latencies the window holds. */
  get size(): number {
    return this.filled;
  }

  /** The latencies held, oldest first (a copy). */
  toArray(): number[] {
    const start = this.filled < this.capacity ? 0 : this.next;
    return Array.from({ length: this.filled }, (_, i) => this.values[(start + i) % this.capacity]);
  }

  /** The q-quantile (nearest rank below) of the window, or null when it is empty. */
  quantile(q: number): number | null {
    if (this.filled === 0) return null;
    const sorted = this.values.slice(0, this.filled).sort();
    return sorted[Math.min(this.filled - 1, Math.floor(q * this.filled))];
  }
}
