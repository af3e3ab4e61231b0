import { readFileSync } from 'node:fs';
import { ConfigError } from '@tmrm/common';

/**
 * The mapping file of a generic CSV, TSV or JSONL data set: the contract's `mapping.json`
 * (label, user, item, time, categorical, numeric, multiValued) plus keys for raw files.
 */
export interface TableMapping {
  format?: 'tmrm-mapping';
  version?: 1;
  /** Column of the user id (required). */
  user: string;
  /** Column of the item id (required). */
  item: string;
  /** Column of a 0/1 (or > 0) label; present makes the data set labelled. */
  label?: string;
  /** Column of the event time; absent uses the line number. */
  time?: string;
  /** Unit of the time column: `ms` (default) or `s`. */
  timeUnit?: 'ms' | 's';
  categorical?: string[];
  numeric?: string[];
  /**
   * Multi-valued features: either indicator columns (`{ columns: ['genre=Action', ...] }`, the
   * value is the text after `=` or the column name; the column is on when 1/true), or one
   * column holding a list (`{ column: 'genres', separator: '|' }`; a JSON array in JSONL).
   */
  multiValued?: Record<string, { columns?: string[]; column?: string; separator?: string }>;
  /** Features (by column or multi-valued name) that describe the user, not the event. */
  userFeatures?: string[];
  /** Features that describe the item, not the event. */
  itemFeatures?: string[];
  /** CSV/TSV: the delimiter; defaults to `,` for csv and a tab for tsv. */
  delimiter?: string;
  /** CSV/TSV: whether the first line names the columns (default true). */
  header?: boolean;
  /** CSV/TSV without a header: the column names in order. */
  columns?: string[];
}

/** Reads and checks a mapping file; errors name the file, the key and the rule. */
export function readTableMapping(path: string): TableMapping {
  let mapping: TableMapping;
  try {
    mapping = JSON.parse(readFileSync(path, 'utf8')) as TableMapping;
  } catch (error) {
    throw new ConfigError(
      'mapping',
      path,
      `must be a readable JSON file (${(error as Error).message})`,
    );
  }
  checkTableMapping(mapping, path);
  return mapping;
}

export function checkTableMapping(mapping: TableMapping, source = 'mapping'): void {
  for (const key of ['user', 'item'] as const) {
    if (typeof mapping[key] !== 'string' || mapping[key] === '') {
      throw new ConfigError(
        `${source}: ${key}`,
        mapping[key],
        'must name the column',
        `add "${key}": "COLUMN"`,
      );
    }
  }
  if (mapping.timeUnit !== undefined && mapping.timeUnit !== 'ms' && mapping.timeUnit !== 's') {
    throw new ConfigError(`${source}: timeUnit`, mapping.timeUnit, "must be 'ms' or 's'");
  }
  if (mapping.header === false && !Array.isArray(mapping.columns)) {
    throw new ConfigError(
      `${source}: columns`,
      mapping.columns,
      'must list the column names when header is false',
    );
  }
  for (const [name, group] of Object.entries(mapping.multiValued ?? {})) {
    if (!Array.isArray(group.columns) && typeof group.column !== 'string') {
      throw new ConfigError(
        `${source}: multiValued.${name}`,
        JSON.stringify(group),
        'needs "columns" or "column"',
      );
    }
  }
}
