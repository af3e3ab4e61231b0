import type { DatasetDescription } from '../results/eval-results';

/**
 * One value of a flat row: a category label, a number, or null for missing.
 * Rows are flat like the exported CSVs: a multi-valued field appears as 0/1
 * indicator columns (`genre=Drama`), and the schema says which columns form it.
 */
export type FlatValue = string | number | null;
export type FlatRow = Record<string, FlatValue>;

export interface ColumnSpec {
  name: string;
  kind: 'categorical' | 'numeric';
}

/** The columns of a split and their roles, as the contract's mapping.json gives them. */
export interface EvalSchema {
  /** Every feature column (label excluded), in file order. */
  columns: ColumnSpec[];
  /** Multi-valued fields: field name -> its indicator columns. */
  multiValued: Record<string, string[]>;
  /** The user and item id columns (categorical), when known. */
  user: string | null;
  item: string | null;
  /** The event-time column, when known (epoch ms or s; only its order is used). */
  time: string | null;
}

/** Labelled rows of one split. */
export interface EvalTable {
  rows: FlatRow[];
  /** 0/1 per row. */
  labels: Uint8Array;
  /** Event time per row when known, for the prequential replay's order. */
  timesMs: Float64Array | null;
}

/** A planted cross of a synthetic data set, as truth.json states it. */
export interface PlantedTruth {
  name: string;
  conditions: Array<{ feature: string; op: string; value: string }>;
  weight: number;
}

/** The one split every model is trained and tested on. */
export interface EvalSplit {
  schema: EvalSchema;
  train: EvalTable;
  valid: EvalTable;
  test: EvalTable;
  description: DatasetDescription;
  /** Planted crosses when the data is synthetic with known truth, else null. */
  truth: PlantedTruth[] | null;
}

/** Share of positives, 0 for an empty table. */
export function positiveRate(table: EvalTable): number {
  let positives = 0;
  for (const label of table.labels) positives += label;
  return table.labels.length === 0 ? 0 : positives / table.labels.length;
}
