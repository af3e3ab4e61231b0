import test from 'ava';
import { ConfigError } from '@tmrm/common';
import { ModelInputError } from '../model-errors';
import { FeatureEncoder } from './feature-encoder';
import { resolveFieldSpecs } from './field-spec';
import { Vocabulary } from './vocabulary';

test('vocabulary: admits after minCount up to the cap, hashes the rest, round-trips', (t) => {
  const vocabulary = new Vocabulary(2, 4, 2);
  const hashed = vocabulary.rowOf('a', true);
  t.true(hashed >= 3 && hashed < 7, 'first sighting of a value with minCount 2 is hashed');
  t.is(vocabulary.rowOf('a', true), 1);
  t.is(vocabulary.rowOf('a', false), 1);
  vocabulary.rowOf('b', true);
  t.is(vocabulary.rowOf('b', true), 2);
  vocabulary.rowOf('c', true);
  const overflow = vocabulary.rowOf('c', true);
  t.true(overflow >= 3 && overflow < 7, 'beyond the cap values stay hashed');
  t.is(vocabulary.rowOf(undefined, true), 0);
  t.is(vocabulary.rowOf('never-seen', false), vocabulary.rowOf('never-seen', false));
  const copy = Vocabulary.fromState(vocabulary.toState(), 2, 4, 2);
  for (const value of ['a', 'b', 'c', 'zzz'])
    t.is(copy.rowOf(value, false), vocabulary.rowOf(value, false));
});

test('encoder: slots, multi-valued weights, numeric scaling, missing values', (t) => {
  const fields = resolveFieldSpecs([
    { name: 'user_id', kind: 'categorical', vocabularyCap: 10, hashBuckets: 2 },
    { name: 'item_id', kind: 'categorical', vocabularyCap: 10, hashBuckets: 2 },
    { name: 'genre', kind: 'multi', maxValues: 3, vocabularyCap: 5, hashBuckets: 1 },
    { name: 'age', kind: 'numeric' },
  ]);
  const encoder = new FeatureEncoder(fields);
  t.is(encoder.slotCount, 6);
  t.is(encoder.rowCount, 13 + 13 + 7 + 1);
  t.deepEqual([...encoder.fieldOfSlot], [0, 1, 2, 2, 2, 3]);
  const batch = encoder.encode(
    [
      {
        fields: { user_id: 'u1', item_id: 7, genre: ['Drama', 'Comedy', 'Drama'], age: 20 },
        label: 1,
      },
      { fields: { user_id: 'u2', item_id: 8, age: 40 }, label: 0 },
    ],
    { train: true },
  );
  t.deepEqual([...batch.values.subarray(2, 5)], [0.5, 0.5, 0]);
  t.is(batch.rows[6 + 2], 26, 'an empty multi-valued field activates its missing row');
  // Online statistics: 20 is scaled by {20} alone, 40 by {20, 40} (mean 30, std 14.14).
  t.is(batch.values[5], 0);
  t.true(Math.abs(batch.values[11] - 10 / Math.sqrt(200)) < 1e-6);
  t.deepEqual([...(batch.labels as Float32Array)], [1, 0]);
  t.is(batch.leafIds, null);
  const restored = new FeatureEncoder(fields, JSON.parse(JSON.stringify(encoder.toState())));
  const again = restored.encode([{ fields: { user_id: 'u2', item_id: 8, age: 40 } }], {
    train: false,
  });
  const original = encoder.encode([{ fields: { user_id: 'u2', item_id: 8, age: 40 } }], {
    train: false,
  });
  t.deepEqual(again, original);
});

test('encoder and specs reject bad input with the path of the problem', (t) => {
  t.throws(() => resolveFieldSpecs([{ name: 'user_id', kind: 'categorical' }]), {
    instanceOf: ConfigError,
    message: /item_id/,
  });
  t.throws(
    () =>
      resolveFieldSpecs([
        { name: 'user_id', kind: 'categorical', hashBuckets: 0 },
        { name: 'item_id', kind: 'categorical' },
      ]),
    { message: /fields\[0\]\.hashBuckets = 0/ },
  );
  const encoder = new FeatureEncoder(
    resolveFieldSpecs([
      { name: 'user_id', kind: 'categorical' },
      { name: 'item_id', kind: 'categorical' },
      { name: 'age', kind: 'numeric' },
    ]),
  );
  t.throws(
    () => encoder.encode([{ fields: { user_id: 'u', item_id: 'i', age: 'old' } }], { train: true }),
    {
      instanceOf: ModelInputError,
      message: /batch\[0\]\.fields\.age/,
    },
  );
  t.throws(
    () => encoder.encode([{ fields: { user_id: 'u', item_id: 'i' }, label: 2 }], { train: true }),
    {
      message: /batch\[0\]\.label/,
    },
  );
});
