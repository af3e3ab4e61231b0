import test from 'ava';
import { inferModelFields } from './model-fields';

test('field kinds from values; id vocabularies take the given caps', (t) => {
  const samples = [{ fields: { user_id: 'u1', item_id: 'i1', age: 30, genre: ['a'], city: 'x' } }];
  const fields = inferModelFields(samples, { cap: 500, hashBuckets: 50 });
  t.deepEqual(
    fields.map((field) => [field.name, field.kind]),
    [
      ['user_id', 'categorical'],
      ['item_id', 'categorical'],
      ['age', 'numeric'],
      ['genre', 'multi'],
      ['city', 'categorical'],
    ],
  );
  t.like(fields[0], { vocabularyCap: 500, hashBuckets: 50 });
  t.like(fields[4], { vocabularyCap: 1_000, hashBuckets: 64 });
  t.is(inferModelFields(samples)[0].name, 'user_id');
});
