import { ConfigError } from '@tmrm/common';

/** A single-valued categorical field such as `user_id`, `gender` or `occupation`. */
export interface CategoricalFieldSpec {
  name: string;
  kind: 'categorical';
  /** Most values that get an embedding row of their own; later values share hashed rows. */
  vocabularyCap?: number;
  /** Rows shared, by hash, by values that are unseen, rare or beyond the cap. */
  hashBuckets?: number;
  /** Times a value must be seen in training before it gets a row of its own. */
  minCount?: number;
}

/**
 * A multi-valued categorical field such as `genre`. Every value is an active feature; with
 * `valueWeighting: 'mean'` (the default) each of the n values has f_i = 1/n, so the field's
 * pooled embedding is the mean of its values' embeddings and FM pairs inside the field are
 * scaled by 1/n^2; with `'sum'` each value has f_i = 1.
 */
export interface MultiValuedFieldSpec {
  name: string;
  kind: 'multi';
  /** Values kept per sample (the first ones, after de-duplication). */
  maxValues?: number;
  valueWeighting?: 'mean' | 'sum';
  vocabularyCap?: number;
  hashBuckets?: number;
  minCount?: number;
}

/**
 * A numeric field. It has one embedding row; f_i is the value standardised by running
 * training statistics and clipped to [-5, 5], and 0 when missing.
 */
export interface NumericFieldSpec {
  name: string;
  kind: 'numeric';
}

export type FieldSpec = CategoricalFieldSpec | MultiValuedFieldSpec | NumericFieldSpec;

/** A field spec with every default filled in. */
export type ResolvedFieldSpec =
  Required<CategoricalFieldSpec> | Required<MultiValuedFieldSpec> | NumericFieldSpec;

const defaults = { vocabularyCap: 10_000, hashBuckets: 1_000, minCount: 1, maxValues: 8 };

/**
 * Checks the field specs and fills in defaults. `user_id` and `item_id` must be present and
 * categorical, names unique, sizes positive integers.
 */
export function resolveFieldSpecs(specs: readonly FieldSpec[]): ResolvedFieldSpec[] {
  if (!Array.isArray(specs) || specs.length === 0) {
    throw new ConfigError('fields', specs, 'must be a non-empty array of field specs');
  }
  const names = new Set<string>();
  const resolved = specs.map((spec, index) => {
    const option = `fields[${index}]`;
    if (!spec || typeof spec.name !== 'string' || spec.name === '') {
      throw new ConfigError(`${option}.name`, spec?.name, 'must be a non-empty string');
    }
    if (names.has(spec.name)) {
      throw new ConfigError(`${option}.name`, spec.name, 'is used twice', 'rename one field');
    }
    names.add(spec.name);
    if (spec.kind === 'numeric') return { name: spec.name, kind: 'numeric' as const };
    if (spec.kind !== 'categorical' && spec.kind !== 'multi') {
      const fix = "use 'categorical', 'multi' or 'numeric'";
      throw new ConfigError(`${option}.kind`, (spec as { kind: unknown }).kind, 'unknown', fix);
    }
    const sizes = {
      vocabularyCap: spec.vocabularyCap ?? defaults.vocabularyCap,
      hashBuckets: spec.hashBuckets ?? defaults.hashBuckets,
      minCount: spec.minCount ?? defaults.minCount,
    };
    for (const [key, value] of Object.entries(sizes)) {
      const min = key === 'vocabularyCap' ? 0 : 1;
      if (!Number.isInteger(value) || value < min) {
        throw new ConfigError(`${option}.${key}`, value, `must be an integer >= ${min}`);
      }
    }
    if (spec.kind === 'categorical') return { name: spec.name, kind: spec.kind, ...sizes };
    const maxValues = spec.maxValues ?? defaults.maxValues;
    if (!Number.isInteger(maxValues) || maxValues < 1) {
      throw new ConfigError(`${option}.maxValues`, maxValues, 'must be an integer >= 1');
    }
    const valueWeighting = spec.valueWeighting ?? 'mean';
    if (valueWeighting !== 'mean' && valueWeighting !== 'sum') {
      throw new ConfigError(`${option}.valueWeighting`, valueWeighting, "is 'mean' or 'sum'");
    }
    return { name: spec.name, kind: spec.kind, ...sizes, maxValues, valueWeighting };
  });
  for (const required of ['user_id', 'item_id']) {
    const spec = resolved.find((s) => s.name === required);
    if (!spec || spec.kind !== 'categorical') {
      const fix = `add { name: '${required}', kind: 'categorical' }`;
      throw new ConfigError('fields', required, 'must include this categorical field', fix);
    }
  }
  return resolved;
}
