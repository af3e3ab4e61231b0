import test from 'ava';
import { OffsetTracker } from './offset-tracker';

test('commits one past the longest acknowledged prefix, whatever the ack order', (t) => {
  const tracker = new OffsetTracker();
  const [a, b, c] = ['10', '11', '12'].map((offset) => tracker.track('events', 0, offset));

  tracker.ack(c);
  t.deepEqual(tracker.takeCommits(), [], 'offset 12 alone cannot be committed past open 10');
  tracker.ack(a);
  t.deepEqual(tracker.takeCommits(), [{ topic: 'events', partition: 0, offset: '11' }]);
  tracker.ack(b);
  t.deepEqual(tracker.takeCommits(), [{ topic: 'events', partition: 0, offset: '13' }]);
  t.deepEqual(tracker.takeCommits(), [], 'nothing moved since the last commit');
  t.is(tracker.pendingCount, 0);
});

test('gaps in the offsets (compaction, transaction markers) do not block commits', (t) => {
  const tracker = new OffsetTracker();
  const tracked = ['3', '7', '8', '20'].map((offset) => tracker.track('profiles', 2, offset));
  tracked.forEach((offset) => tracker.ack(offset));
  t.deepEqual(tracker.takeCommits(), [{ topic: 'profiles', partition: 2, offset: '21' }]);
});

test('partitions are independent', (t) => {
  const tracker = new OffsetTracker();
  const p0 = tracker.track('events', 0, '5');
  tracker.track('events', 1, '9');
  const p1b = tracker.track('events', 1, '10');
  tracker.ack(p0);
  tracker.ack(p1b);
  t.deepEqual(tracker.takeCommits(), [{ topic: 'events', partition: 0, offset: '6' }]);
  t.is(tracker.pendingCount, 1);
});

test('a rebalance forgets everything and ignores late acks of the old generation', (t) => {
  const tracker = new OffsetTracker();
  const old = tracker.track('events', 0, '0');
  tracker.reset();
  t.false(tracker.ack(old));
  t.deepEqual(tracker.takeCommits(), []);

  const again = tracker.track('events', 0, '0');
  t.true(tracker.ack(again));
  t.deepEqual(tracker.takeCommits(), [{ topic: 'events', partition: 0, offset: '1' }]);
});

test('acknowledging twice counts once', (t) => {
  const tracker = new OffsetTracker();
  const a = tracker.track('events', 0, '0');
  tracker.track('events', 0, '1');
  t.true(tracker.ack(a));
  t.false(tracker.ack(a));
  t.is(tracker.pendingCount, 1);
});

test('stays correct over many offsets acknowledged in shuffled windows', (t) => {
  const tracker = new OffsetTracker();
  const tracked = Array.from({ length: 5_000 }, (_, i) => tracker.track('events', 0, String(i)));
  // Acknowledge each window of 100 in reverse: the commit can move only at window ends.
  for (let start = 0; start < tracked.length; start += 100) {
    for (let i = start + 99; i >= start; i--) tracker.ack(tracked[i]);
    t.deepEqual(tracker.takeCommits(), [
      { topic: 'events', partition: 0, offset: String(start + 100) },
    ]);
  }
  t.is(tracker.pendingCount, 0);
});
