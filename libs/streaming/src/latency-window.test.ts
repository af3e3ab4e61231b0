import test from 'ava';
import { LatencyWindow } from './latency-window';

test('keeps the last `capacity` latencies, oldest first, and reads quantiles', (t) => {
  const window = new LatencyWindow(4);
  t.is(window.quantile(0.5), null);
  for (const ms of [9, 1, 5]) window.add(ms);
  t.deepEqual(window.toArray(), [9, 1, 5]);
  t.is(window.quantile(0.5), 5);
  for (const ms of [7, 3, 2]) window.add(ms);
  t.is(window.size, 4);
  t.deepEqual(window.toArray(), [5, 7, 3, 2]);
  t.is(window.quantile(0), 2);
  t.is(window.quantile(0.5), 5);
  t.is(window.quantile(0.99), 7);
  t.is(window.quantile(1), 7);
});
