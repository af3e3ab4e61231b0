import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { EvalError } from '../eval-error';
import {
  positiveRate,
  type ColumnSpec,
  type EvalSchema,
  type EvalSplit,
  type EvalTable,
  type FlatRow,
} from './eval-split';

/** Options for {@link loadCsvSplit}. */
export interface LoadCsvSplitOptions {
  train: string;
  valid: string;
  test: string;
  /** The contract's mapping.json; without it every column but `label` is numeric. */
  mapping?: string;
}

interface Mapping {
  label: string;
  user: string | null;
  item: string | null;
  time: string | null;
  categorical: Set<string>;
  multiValued: Record<string, string[]>;
}

/**
 * Loads a split as `tmrm data export` writes it (and as XGBoost or PyTorch can
 * read it unchanged): three CSV files with a header row, every feature column
 * plus a 0/1 `label` column, and an optional mapping.json naming categorical
 * columns, the user/item/time columns and multi-valued indicator groups.
 */
export async function loadCsvSplit(options: LoadCsvSplitOptions): Promise<EvalSplit> {
  const mapping = options.mapping ? await readMapping(options.mapping) : null;
  const label = mapping?.label ?? 'label';
  const train = await readCsv(options.train, label);
  const valid = await readCsv(options.valid, label);
  const test = await readCsv(options.test, label);
  for (const other of [valid, test]) {
    if (other.header.join(',') !== train.header.join(',')) {
      throw new EvalError(
        `${other.file}: header differs from ${train.file}; all three splits need the same columns`,
      );
    }
  }

  const featureNames = train.header.filter((name) => name !== label);
  const columns: ColumnSpec[] = featureNames.map((name) => ({
    name,
    kind: mapping?.categorical.has(name) ? 'categorical' : 'numeric',
  }));
  const schema: EvalSchema = {
    columns,
    multiValued: mapping?.multiValued ?? {},
    user: mapping?.user ?? null,
    item: mapping?.item ?? null,
    time: mapping?.time ?? null,
  };
  for (const [field, members] of Object.entries(schema.multiValued)) {
    const missing = members.find((member) => !featureNames.includes(member));
    if (missing) {
      throw new EvalError(
        `${options.mapping}: multiValued.${field} names column ${missing}, which the CSVs lack`,
      );
    }
  }

  const tables = [train, valid, test].map((csv) => toTable(csv, columns, label, schema.time));
  return {
    schema,
    train: tables[0],
    valid: tables[1],
    test: tables[2],
    truth: null,
    description: {
      name: 'files',
      source: { train: options.train, valid: options.valid, test: options.test },
      protocol: 'labelled',
      rows: {
        train: tables[0].rows.length,
        valid: tables[1].rows.length,
        test: tables[2].rows.length,
      },
      positiveRate: {
        train: positiveRate(tables[0]),
        valid: positiveRate(tables[1]),
        test: positiveRate(tables[2]),
      },
    },
  };
}

interface ParsedCsv {
  file: string;
  header: string[];
  records: string[][];
}

async function readCsv(file: string, label: string): Promise<ParsedCsv> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    throw new EvalError(`cannot read ${file}`, { cause });
  }
  let records: string[][];
  try {
    records = parse(text, { skip_empty_lines: true, relax_column_count: false });
  } catch (cause) {
    throw new EvalError(`${file}: not a valid CSV (${(cause as Error).message})`, { cause });
  }
  const header = records.shift();
  if (!header || !header.includes(label)) {
    throw new EvalError(`${file}: the header has no ${label} column; the last column must be it`);
  }
  return { file, header, records };
}

function toTable(
  csv: ParsedCsv,
  columns: ColumnSpec[],
  label: string,
  time: string | null,
): EvalTable {
  const labelAt = csv.header.indexOf(label);
  const at = columns.map((column) => csv.header.indexOf(column.name));
  const timeAt = time === null ? -1 : csv.header.indexOf(time);
  const labels = new Uint8Array(csv.records.length);
  const timesMs = timeAt >= 0 ? new Float64Array(csv.records.length) : null;
  const rows = csv.records.map((record, r) => {
    const line = r + 2;
    const rawLabel = record[labelAt];
    if (rawLabel !== '0' && rawLabel !== '1') {
      throw new EvalError(
        `${csv.file}:${line}: ${label} = ${JSON.stringify(rawLabel)}; must be 0 or 1`,
      );
    }
    labels[r] = rawLabel === '1' ? 1 : 0;
    const row: FlatRow = {};
    columns.forEach((column, c) => {
      const raw = record[at[c]];
      if (raw === '' || raw === undefined) row[column.name] = null;
      else if (column.kind === 'categorical') row[column.name] = raw;
      else {
        const value = Number(raw);
        if (!Number.isFinite(value)) {
          throw new EvalError(
            `${csv.file}:${line}: ${column.name} = ${JSON.stringify(raw)} is not a number; ` +
              'list the column under "categorical" in mapping.json',
          );
        }
        row[column.name] = value;
      }
    });
    if (timesMs) timesMs[r] = Number(record[timeAt]);
    return row;
  });
  return { rows, labels, timesMs };
}

async function readMapping(file: string): Promise<Mapping> {
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (cause) {
    throw new EvalError(`cannot read mapping ${file} as JSON`, { cause });
  }
  if (json.format !== 'tmrm-mapping' || json.version !== 1) {
    throw new EvalError(
      `${file}: format ${JSON.stringify(json.format)} version ${JSON.stringify(json.version)}; ` +
        'expected "tmrm-mapping" version 1 as tmrm data export writes it',
    );
  }
  const names = (key: string): string[] => {
    const value = json[key] ?? [];
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
      throw new EvalError(`${file}: ${key} must be a list of column names`);
    }
    return value as string[];
  };
  const multiValued: Record<string, string[]> = {};
  const groups = (json.multiValued ?? {}) as Record<string, { columns?: unknown }>;
  for (const [field, group] of Object.entries(groups)) {
    if (!Array.isArray(group?.columns)) {
      throw new EvalError(`${file}: multiValued.${field}.columns must be a list of column names`);
    }
    multiValued[field] = group.columns as string[];
  }
  const role = (key: string) => (typeof json[key] === 'string' ? (json[key] as string) : null);
  return {
    label: role('label') ?? 'label',
    user: role('user'),
    item: role('item'),
    time: role('time'),
    categorical: new Set(names('categorical')),
    multiValued,
  };
}
