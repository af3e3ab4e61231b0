import { GbdtInputError } from './errors';
import type { FeatureSpec } from './feature-spec';

/**
 * Column-major input: `columns[f][i]` is feature f of sample i. Numeric features
 * hold their value, categorical features the code of their label (index into
 * `features[f].categories`); `NaN` is missing in both.
 */
export interface FeatureMatrix {
  features: FeatureSpec[];
  columns: Float64Array[];
  rowCount: number;
}

/** A feature matrix with one label per row (0/1 for logloss, any number for squared error). */
export interface LabelledMatrix extends FeatureMatrix {
  labels: Float64Array;
}

/** Throws a `GbdtInputError` naming the first column whose length is not `rowCount`. */
export function checkMatrix(matrix: FeatureMatrix, where: string): void {
  if (matrix.columns.length !== matrix.features.length) {
    throw new GbdtInputError(
      `${where}: ${matrix.columns.length} columns for ${matrix.features.length} features; ` +
        'pass one column per feature, in the order of `features`',
    );
  }
  matrix.columns.forEach((column, f) => {
    if (column.length !== matrix.rowCount) {
      throw new GbdtInputError(
        `${where}: column ${matrix.features[f].name} has ${column.length} values, ` +
          `expected rowCount = ${matrix.rowCount}`,
      );
    }
  });
  if ('labels' in matrix) {
    const labels = (matrix as LabelledMatrix).labels;
    if (labels.length !== matrix.rowCount) {
      throw new GbdtInputError(
        `${where}: ${labels.length} labels for ${matrix.rowCount} rows; pass one label per row`,
      );
    }
  }
}

/**
 * Builds a column-major matrix from records keyed by feature name. Categorical
 * labels get codes in `features[f].categories`, appending labels not seen before
 * when `growCategories` is true (training) and reading them as missing otherwise
 * (scoring with a fixed model). `null`, `undefined` and `''` are missing.
 */
export function matrixFromRecords(
  features: FeatureSpec[],
  records: ReadonlyArray<Record<string, string | number | null | undefined>>,
  options: { growCategories?: boolean } = {},
): FeatureMatrix {
  const rowCount = records.length;
  const columns = features.map((feature) => {
    const column = new Float64Array(rowCount);
    const codeOf = feature.kind === 'categorical' ? categoryCoder(feature, options) : null;
    for (let i = 0; i < rowCount; i++) {
      const raw = records[i][feature.name];
      if (raw === null || raw === undefined || raw === '') column[i] = NaN;
      else if (codeOf) column[i] = codeOf(String(raw));
      else if (typeof raw === 'number') column[i] = raw;
      else column[i] = parseNumber(raw, feature.name, i);
    }
    return column;
  });
  return { features, columns, rowCount };
}

/** Returns label -> code, appending new labels when allowed, NaN for unknown labels otherwise. */
export function categoryCoder(
  feature: FeatureSpec,
  options: { growCategories?: boolean } = {},
): (label: string) => number {
  const categories = (feature.categories ??= []);
  const codes = new Map(categories.map((label, code) => [label, code]));
  return (label) => {
    const code = codes.get(label);
    if (code !== undefined) return code;
    if (!options.growCategories) return NaN;
    categories.push(label);
    codes.set(label, categories.length - 1);
    return categories.length - 1;
  };
}

function parseNumber(text: string, feature: string, row: number): number {
  const value = Number(text);
  if (Number.isNaN(value) && text.trim().toLowerCase() !== 'nan') {
    throw new GbdtInputError(
      `row ${row}, feature ${feature}: ${JSON.stringify(text)} is not a number; ` +
        'declare the feature categorical or fix the value',
    );
  }
  return value;
}
