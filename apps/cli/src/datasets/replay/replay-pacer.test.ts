import test from 'ava';
import { ReplayPacer, type PacerClock } from './replay-pacer';

/** A clock that only moves when told to, so pacing is checked without waiting. */
function manualClock(): PacerClock & { advance(ms: number): void } {
  let now = 1000;
  return {
    nowMs: () => now,
    sleepMs: async (ms) => void (now += ms),
    advance: (ms) => void (now += ms),
  };
}

test('rate pacing spaces events 1/rate apart, skipping waits under 5 ms', (t) => {
  const clock = manualClock();
  const pacer = new ReplayPacer({ kind: 'rate', eventsPerSecond: 100 }, clock);
  t.is(pacer.waitMs(0), 0);
  t.is(pacer.waitMs(0), 10);
  clock.advance(25);
  t.is(pacer.waitMs(0), 0, 'behind schedule: no wait, catch up');
  t.is(pacer.waitMs(0), 5);
});

test('speedup pacing follows event time divided by the factor', (t) => {
  const clock = manualClock();
  const pacer = new ReplayPacer({ kind: 'speedup', factor: 60 }, clock);
  t.is(pacer.waitMs(1_000_000), 0);
  t.is(pacer.waitMs(1_000_000 + 60_000), 1000);
  clock.advance(400);
  t.is(pacer.waitMs(1_000_000 + 120_000), 1600);
});

test('max never waits; bad paces are rejected with the option', (t) => {
  const pacer = new ReplayPacer({ kind: 'max' }, manualClock());
  t.is(pacer.waitMs(0), 0);
  t.is(pacer.waitMs(1e12), 0);
  t.throws(() => new ReplayPacer({ kind: 'rate', eventsPerSecond: 0 }), { message: /^--rate = 0/ });
  t.throws(() => new ReplayPacer({ kind: 'speedup', factor: -1 }), { message: /^--speedup = -1/ });
});
