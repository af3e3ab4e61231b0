import test from 'ava';
import { ConfigError } from '@tmrm/common';
import { InFlightGauge } from './in-flight-gauge';

test('pauses at the high-water mark and resumes only at the low-water mark', (t) => {
  const gauge = new InFlightGauge({ highWaterMark: 4, lowWaterMark: 1 });
  t.deepEqual([gauge.add(), gauge.add(), gauge.add()], [false, false, false]);
  t.true(gauge.add(), 'the 4th record in flight pauses');
  t.true(gauge.isPaused);
  t.deepEqual([gauge.remove(), gauge.remove()], [false, false], 'still above the low mark');
  t.true(gauge.remove(), 'down to 1 resumes');
  t.false(gauge.isPaused);
  t.is(gauge.inFlight, 1);
  t.is(gauge.maxInFlight, 4);
});

test('rejects marks that cannot work, naming the option', (t) => {
  t.throws(() => new InFlightGauge({ highWaterMark: 0, lowWaterMark: 0 }), {
    instanceOf: ConfigError,
    message: /^highWaterMark = 0: must be an integer >= 1/,
  });
  t.throws(() => new InFlightGauge({ highWaterMark: 10, lowWaterMark: 10 }), {
    message: /^lowWaterMark = 10: must be an integer in 0\.\.9/,
  });
});
