import test from 'ava';
import { TestScheduler } from 'rxjs/testing';
import { ConfigError } from '@tmrm/common';
import { batchByCountOrTime } from './batch-by-count-or-time';

function scheduler(t: { deepEqual(a: unknown, b: unknown): void }): TestScheduler {
  return new TestScheduler((actual, expected) => t.deepEqual(actual, expected));
}

test('emits a batch as soon as it is full', (t) => {
  scheduler(t).run(({ cold, expectObservable }) => {
    const source = cold('     abcde|   ');
    const expected = '   --x--(y|)';
    const batched = source.pipe(batchByCountOrTime({ maxCount: 3, lingerMs: 100 }));
    expectObservable(batched).toBe(expected, { x: ['a', 'b', 'c'], y: ['d', 'e'] });
  });
});

test('emits a partial batch lingerMs after its first value, never an empty one', (t) => {
  scheduler(t).run(({ cold, expectObservable }) => {
    const source = cold('  a 9ms b 49ms c    99ms |');
    const expected = '     20ms x 59ms y 79ms |';
    const batched = source.pipe(batchByCountOrTime({ maxCount: 10, lingerMs: 20 }));
    expectObservable(batched).toBe(expected, { x: ['a', 'b'], y: ['c'] });
  });
});

test('flushes the partial batch on completion and passes errors on', (t) => {
  scheduler(t).run(({ cold, expectObservable }) => {
    const batched = cold('ab|   ').pipe(batchByCountOrTime({ maxCount: 10, lingerMs: 50 }));
    expectObservable(batched).toBe('--(x|)', { x: ['a', 'b'] });
    const failed = cold(' ab#   ').pipe(batchByCountOrTime({ maxCount: 10, lingerMs: 50 }));
    expectObservable(failed).toBe('--#   ');
  });
});

test('rejects a batch size below one and a negative linger, naming the option', (t) => {
  t.throws(() => batchByCountOrTime({ maxCount: 0, lingerMs: 5 }), {
    instanceOf: ConfigError,
    message: /^maxCount = 0/,
  });
  t.throws(() => batchByCountOrTime({ maxCount: 5, lingerMs: -1 }), { message: /^lingerMs = -1/ });
});
