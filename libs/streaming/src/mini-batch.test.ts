import test from 'ava';
import { ConfigError } from '@tmrm/common';
import { marbleScheduler } from './testing/marbles';
import { miniBatch } from './mini-batch';

test('emits a batch as soon as it is full', (t) => {
  marbleScheduler(t).run(({ cold, expectObservable }) => {
    const batches = miniBatch<string>({ maxSize: 3, maxWaitMs: Infinity });
    expectObservable(cold('abcdefg|', undefined).pipe(batches)).toBe('--x--y-(z|)', {
      x: ['a', 'b', 'c'],
      y: ['d', 'e', 'f'],
      z: ['g'],
    });
  });
});

test('emits a partial batch when the time limit after its first item passes', (t) => {
  const scheduler = marbleScheduler(t);
  scheduler.run(({ cold, expectObservable }) => {
    const batches = miniBatch<string>({ maxSize: 10, maxWaitMs: 5, scheduler });
    const items = '  ab------c-----------|';
    const expected = '-----x-------y------|';
    expectObservable(cold(items).pipe(batches)).toBe(expected, { x: ['a', 'b'], y: ['c'] });
  });
});

test('never emits an empty batch on an idle stream', (t) => {
  const scheduler = marbleScheduler(t);
  scheduler.run(({ cold, expectObservable }) => {
    const batches = miniBatch<string>({ maxSize: 2, maxWaitMs: 3, scheduler });
    const items = '  ab----------------|';
    const expected = '-x----------------|';
    expectObservable(cold(items).pipe(batches)).toBe(expected, { x: ['a', 'b'] });
  });
});

test('a full batch cancels its timer; the next batch starts its own', (t) => {
  const scheduler = marbleScheduler(t);
  scheduler.run(({ cold, expectObservable }) => {
    const batches = miniBatch<string>({ maxSize: 2, maxWaitMs: 4, scheduler });
    const items = '  a-b-c-----|';
    const expected = '--x-----y-|';
    expectObservable(cold(items).pipe(batches)).toBe(expected, { x: ['a', 'b'], y: ['c'] });
  });
});

test('an error passes on and drops the partial batch', (t) => {
  marbleScheduler(t).run(({ cold, expectObservable }) => {
    const batches = miniBatch<string>({ maxSize: 5, maxWaitMs: Infinity });
    expectObservable(cold('ab#').pipe(batches)).toBe('--#');
  });
});

test('rejects a size below one and a non-positive wait', (t) => {
  t.throws(() => miniBatch({ maxSize: 0, maxWaitMs: 10 }), { instanceOf: ConfigError });
  t.throws(() => miniBatch({ maxSize: 1, maxWaitMs: 0 }), { instanceOf: ConfigError });
});
