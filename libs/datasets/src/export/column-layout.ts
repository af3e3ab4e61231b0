import { csvCell } from '../io/parse-csv-line';
import type { Features } from '../records';

/** The data-set mapping file (`mapping.json`) of /work/contracts.md, format version 1. */
export interface DatasetMapping {
  format: 'tmrm-mapping';
  version: 1;
  label: string;
  user: string;
  item: string;
  time: string;
  categorical: string[];
  numeric: string[];
  multiValued: Record<string, { columns: string[] }>;
}

/** The columns of one source of features (user profile, item profile or event context). */
export interface FeatureSegment {
  columns: string[];
  /** The segment's cells for one feature map, joined by commas. */
  render(features: Features | null | undefined): string;
}

/** Every feature name found in one source, with the values of its multi-valued features. */
export class FeatureInventory {
  readonly categorical = new Set<string>();
  readonly numeric = new Set<string>();
  readonly multi = new Map<string, Set<string>>();

  add(features: Features | null | undefined): void {
    if (!features) return;
    for (const key in features.categorical) this.categorical.add(key);
    for (const key in features.numeric) this.numeric.add(key);
    for (const key in features.multi) {
      let values = this.multi.get(key);
      if (!values) this.multi.set(key, (values = new Set()));
      for (const value of features.multi[key]) values.add(value);
    }
  }
}

/**
 * Lays out the columns of one feature source and records them in the mapping: categorical
 * columns hold the labels, numeric columns the numbers, and each multi-valued feature becomes
 * one 0/1 indicator column per value (`genre=Drama`), grouped under `multiValued`. Names are
 * sorted so the layout does not depend on reading order; a name already taken by an earlier
 * source gets the source's prefix (`item_`, `context_`).
 */
export function featureSegment(
  inventory: FeatureInventory,
  idColumn: string | null,
  prefix: string,
  mapping: DatasetMapping,
  taken: Set<string>,
): FeatureSegment {
  const unique = (name: string) => {
    const column = taken.has(name) ? `${prefix}${name}` : name;
    taken.add(column);
    return column;
  };
  const categorical = [...inventory.categorical].sort();
  const numeric = [...inventory.numeric].sort();
  const multi = [...inventory.multi.keys()].sort().map((key) => ({
    key,
    values: [...(inventory.multi.get(key) ?? [])].sort(),
  }));

  const columns: string[] = [];
  if (idColumn) {
    columns.push(idColumn);
    mapping.categorical.push(idColumn);
  }
  for (const key of categorical) {
    const column = unique(key);
    columns.push(column);
    mapping.categorical.push(column);
  }
  for (const key of numeric) {
    const column = unique(key);
    columns.push(column);
    mapping.numeric.push(column);
  }
  for (const { key, values } of multi) {
    const group = unique(key);
    const groupColumns = values.map((value) => `${group}=${value}`);
    mapping.multiValued[group] = { columns: groupColumns };
    columns.push(...groupColumns);
  }

  const render = (features: Features | null | undefined): string => {
    const cells: string[] = [];
    for (const key of categorical) {
      const value = features?.categorical[key];
      cells.push(value === undefined ? '' : csvCell(value));
    }
    for (const key of numeric) {
      const value = features?.numeric[key];
      cells.push(value === undefined ? '' : String(value));
    }
    for (const { key, values } of multi) {
      const present = features?.multi[key] ?? [];
      for (const value of values) cells.push(present.includes(value) ? '1' : '0');
    }
    return cells.join(',');
  };
  return { columns, render };
}
