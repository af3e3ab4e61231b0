import type { FieldSpec } from '@tmrm/model';
import type { Sample } from './types';

/** Embedding rows of `user_id` and `item_id`; unset: the model defaults (10,000 and 1,000). */
export interface IdVocabulary {
  /** Ids with a row of their own, the first ones seen in training. */
  cap?: number;
  /** Rows shared, by hash, by the ids beyond the cap. */
  hashBuckets?: number;
}

/**
 * The model's field specs, read off a window of samples: strings are categorical, numbers
 * numeric, lists multi-valued; `user_id` and `item_id` always categorical. Fields that appear
 * only later (a new profile feature) are not learned until the next cold start: the model's
 * field set is fixed at creation, as its embedding layout depends on it.
 */
export function inferModelFields(samples: readonly Sample[], ids: IdVocabulary = {}): FieldSpec[] {
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
  // Ids get `ids.cap` rows of their own (the first ids seen) and share `ids.hashBuckets` rows
  // beyond, so a stream of new users never grows the model; side features are low-cardinality,
  // and the ids' caps would make most of the snapshot empty rows.
  return [...kinds.entries()].map(([name, kind]) => {
    if (kind === 'numeric') return { name, kind } as FieldSpec;
    if (name === 'user_id' || name === 'item_id')
      return { name, kind, vocabularyCap: ids.cap, hashBuckets: ids.hashBuckets } as FieldSpec;
    return { name, kind, vocabularyCap: 1_000, hashBuckets: 64 } as FieldSpec;
  });
}
