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
