import test from 'ava';
import { ConfigError } from '@tmrm/common';
import { LruStore } from './lru-store';

test('evicts the least recently used entry beyond its capacity', (t) => {
  const store = new LruStore<string, number>({ maxEntries: 2 });
  store.set('a', 1);
  store.set('b', 2);
  t.is(store.get('a'), 1); // a is now the most recent
  store.set('c', 3);
  t.false(store.has('b'));
  t.deepEqual(
    [...store.entriesOldestFirst()],
    [
      ['a', 1],
      ['c', 3],
    ],
  );
  t.is(store.evicted, 1);
  t.is(store.size, 2);
});

test('peek does not refresh recency; set on an existing key does', (t) => {
  const store = new LruStore<string, number>({ maxEntries: 2 });
  store.set('a', 1);
  store.set('b', 2);
  t.is(store.peek('a'), 1);
  store.set('c', 3);
  t.false(store.has('a'));
  store.set('b', 20);
  store.set('d', 4);
  t.deepEqual(
    [...store.entriesOldestFirst()],
    [
      ['b', 20],
      ['d', 4],
    ],
  );
});

test('rejects a capacity below one, naming the option', (t) => {
  const error = t.throws(() => new LruStore({ maxEntries: 0, name: 'profiles.maxUsers' }), {
    instanceOf: ConfigError,
  });
  t.is(error?.option, 'profiles.maxUsers');
});

test('delete unlinks oldest, middle and newest entries alike; eviction order holds', (t) => {
  const store = new LruStore<string, number>({ maxEntries: 4 });
  for (const [key, value] of Object.entries({ a: 1, b: 2, c: 3, d: 4 })) store.set(key, value);
  t.true(store.delete('a'));
  t.true(store.delete('c'));
  t.true(store.delete('d'));
  t.false(store.delete('d'));
  store.set('e', 5);
  store.set('f', 6);
  store.set('g', 7);
  store.set('h', 8); // full: b is the oldest and goes
  t.deepEqual(
    [...store.entriesOldestFirst()].map(([key]) => key),
    ['e', 'f', 'g', 'h'],
  );
  t.is(store.evicted, 1);
});

test('a long stream of new keys keeps exactly the newest ones', (t) => {
  const store = new LruStore<number, number>({ maxEntries: 1_000 });
  for (let i = 0; i < 100_000; i++) store.set(i, i);
  t.is(store.size, 1_000);
  t.is(store.evicted, 99_000);
  t.deepEqual([...store.entriesOldestFirst()][0], [99_000, 99_000]);
  t.is(store.peek(98_999), undefined);
});
