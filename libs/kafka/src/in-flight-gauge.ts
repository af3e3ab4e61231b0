import { ConfigError } from '@tmrm/common';

/** Options for {@link InFlightGauge}. */
export interface InFlightGaugeOptions {
  /** Pause fetching once this many records are handed out and not yet acknowledged. */
  highWaterMark: number;
  /** Resume fetching once the count has fallen to this many; below the high-water mark. */
  lowWaterMark: number;
}

/**
 * Counts records in flight (handed downstream, not yet acknowledged) and says when
 * to pause and when to resume fetching. The gap between the marks keeps the
 * consumer from flapping between paused and running on every record.
 */
export class InFlightGauge {
  private count = 0;
  private maxCount = 0;
  private paused = false;
  readonly highWaterMark: number;
  readonly lowWaterMark: number;

  constructor(options: InFlightGaugeOptions) {
    const { highWaterMark, lowWaterMark } = options;
    if (!Number.isInteger(highWaterMark) || highWaterMark < 1) {
      throw new ConfigError('highWaterMark', highWaterMark, 'must be an integer >= 1');
    }
    if (!Number.isInteger(lowWaterMark) || lowWaterMark < 0 || lowWaterMark >= highWaterMark) {
      throw new ConfigError(
        'lowWaterMark',
        lowWaterMark,
        `must be an integer in 0..${highWaterMark - 1} (below highWaterMark)`,
      );
    }
    this.highWaterMark = highWaterMark;
    this.lowWaterMark = lowWaterMark;
  }

  /** One more record handed out; true when fetching must pause now. */
  add(): boolean {
    this.count += 1;
    if (this.count > this.maxCount) this.maxCount = this.count;
    if (!this.paused && this.count >= this.highWaterMark) {
      this.paused = true;
      return true;
    }
    return false;
  }

  /** One record acknowledged; true when fetching may resume now. */
  remove(): boolean {
    this.count = Math.max(0, this.count - 1);
    if (this.paused && this.count <= this.lowWaterMark) {
      this.paused = false;
      return true;
    }
    return false;
  }

  get inFlight(): number {
    return this.count;
  }

  /** The largest number of records that were ever in flight at once. */
  get maxInFlight(): number {
    return this.maxCount;
  }

  get isPaused(): boolean {
    return this.paused;
  }
}
