import { ConfigError } from '@tmrm/common';

/** How fast a replay goes: as fast as possible, a fixed rate, or event time sped up. */
export type ReplayPace =
  { kind: 'max' } | { kind: 'rate'; eventsPerSecond: number } | { kind: 'speedup'; factor: number };

/** A clock and a sleep, injectable so pacing is tested without waiting. */
export interface PacerClock {
  nowMs(): number;
  sleepMs(ms: number): Promise<void>;
}

export const systemClock: PacerClock = {
  nowMs: () => performance.now(),
  sleepMs: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Decides how long to wait before sending the next event. `rate`: event k goes out no earlier
 * than k / rate seconds after the start. `speedup`: an event t ms after the first event goes
 * out t / factor ms after the start. Waits below 5 ms are skipped and caught up later, so the
 * pacing costs nothing when the producer is the bottleneck.
 */
export class ReplayPacer {
  private startMs: number | null = null;
  private firstEventMs = 0;
  private sent = 0;

  constructor(
    private readonly pace: ReplayPace,
    private readonly clock: PacerClock = systemClock,
  ) {
    if (pace.kind === 'rate' && !(pace.eventsPerSecond > 0)) {
      throw new ConfigError(
        '--rate',
        pace.eventsPerSecond,
        'must be a positive number of events per second',
      );
    }
    if (pace.kind === 'speedup' && !(pace.factor > 0)) {
      throw new ConfigError('--speedup', pace.factor, 'must be a positive factor');
    }
  }

  /**
   * Milliseconds to wait before the event with this time may be sent (0 when it is due). The
   * caller flushes what it has buffered before sleeping, so paced events leave on time.
   */
  waitMs(eventTimeMs: number): number {
    if (this.startMs === null) {
      this.startMs = this.clock.nowMs();
      this.firstEventMs = eventTimeMs;
    }
    const dueMs = this.dueMs(eventTimeMs);
    this.sent++;
    const waitMs = dueMs - (this.clock.nowMs() - this.startMs);
    return waitMs >= 5 ? waitMs : 0;
  }

  private dueMs(eventTimeMs: number): number {
    if (this.pace.kind === 'rate') return (this.sent / this.pace.eventsPerSecond) * 1000;
    if (this.pace.kind === 'speedup') return (eventTimeMs - this.firstEventMs) / this.pace.factor;
    return 0;
  }
}
