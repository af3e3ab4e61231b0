import type { FieldSpec } from '@tmrm/model';
import type { Sample } from './types';

/**
 * The model's field specs, read off a window of samples: strings are categorical, numbers
 * numeric, lists multi-valued; `user_id` and `item_id` always categorical. Fields that appear
 * only later (a new profile feature) are not learned until the next cold start: the model's
 * field set is fixed at creation, as its embedding layout depends on it.
 */
export function inferModelFields(samples: readonly Sample[]): FieldSpec[] {
  const kinds = new Map<string, FieldSpec['kind']>([
    ['user_id', 'categorical'],
    ['item_id', 'categorical'],
  ]);
  for (const { fields } of samples) {
    for (const [name, value] of Object.entries(fields)) {
      if (kinds.has(name)) continue;
      kinds.set(
        name,
        Array.isArray(value) ? 'multi' : typeof value === 'number' ? 'numeric' : 'categorical',
      );
    }
  }
  // Ids keep the model's default vocabulary (10,000 rows of their own); side features are
  // low-cardinality, and their default caps would make most of the snapshot empty rows.
  return [...kinds.entries()].map(([name, kind]) => {
    if (kind === 'numeric' || name === 'user_id' || name === 'item_id')
      return { name, kind } as FieldSpec;
    return { name, kind, vocabularyCap: 1_000, hashBuckets: 64 } as FieldSpec;
  });
}
