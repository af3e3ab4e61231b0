import type { FieldSpec, Sample } from '@tmrm/model';
import type { EvalSchema, FlatRow } from '../data/eval-split';
import { EvalError } from '../eval-error';

/** How flat rows become the network's field-structured samples. */
export interface NetworkFields {
  fields: FieldSpec[];
  toSample(row: FlatRow, leafIds?: Int32Array, label?: number): Sample;
}

/**
 * Maps the split's columns to the network's fields: categorical columns to
 * categorical fields, numeric to numeric, each multi-valued indicator group to
 * one multi-valued field whose values are the names after `=` of the columns
 * set to 1. The user and item columns become `user_id` and `item_id`, which
 * the model requires.
 */
export function networkFields(schema: EvalSchema, model: string): NetworkFields {
  if (!schema.user || !schema.item) {
    throw new EvalError(
      `${model} needs to know the user and item columns; pass --mapping with "user" and "item"`,
    );
  }
  const inGroup = new Set(Object.values(schema.multiValued).flat());
  const rename = (name: string) =>
    name === schema.user ? 'user_id' : name === schema.item ? 'item_id' : name;
  const single = schema.columns.filter((column) => !inGroup.has(column.name));
  const fields: FieldSpec[] = [
    ...single.map((column) =>
      column.kind === 'categorical'
        ? { name: rename(column.name), kind: 'categorical' as const }
        : { name: rename(column.name), kind: 'numeric' as const },
    ),
    ...Object.keys(schema.multiValued).map((name) => ({ name, kind: 'multi' as const })),
  ];
  const groups = Object.entries(schema.multiValued).map(([name, columns]) => ({
    name,
    columns: columns.map((column) => ({ column, value: column.slice(column.indexOf('=') + 1) })),
  }));

  return {
    fields,
    toSample(row, leafIds, label) {
      const values: Sample['fields'] = {};
      for (const column of single) {
        const value = row[column.name];
        if (value === null || value === undefined) continue;
        values[rename(column.name)] = column.kind === 'categorical' ? String(value) : value;
      }
      for (const group of groups) {
        values[group.name] = group.columns.filter((c) => row[c.column] === 1).map((c) => c.value);
      }
      const sample: Sample = { fields: values };
      if (leafIds) sample.leafIds = leafIds;
      if (label !== undefined) sample.label = label;
      return sample;
    },
  };
}
