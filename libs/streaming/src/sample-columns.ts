import type { FeatureMatrix, FeatureSpec } from '@tmrm/gbdt';
import { INDICATOR_SEPARATOR } from './leaf-paths';
import type { FieldValue, Sample } from './types';

type Fields = Record<string, FieldValue>;

/** Options for {@link SampleColumns}. */
export interface SampleColumnsOptions {
  /**
   * Append labels a categorical feature has not seen to its `categories` (training a GBDT);
   * otherwise an unseen label reads as missing (encoding with a trained one). Default false.
   */
  growCategories?: boolean;
}

/**
 * The GBDT input columns of samples, read straight out of their fields: strings are category
 * codes, numbers themselves, a missing field or a list on a single-valued feature NaN, and an
 * indicator feature `genre=Drama` is 1 when the list `genre` holds `Drama`, 0 when it does not
 * and NaN when the sample has no such list (unless a field is named `genre=Drama` itself).
 * This is what @tmrm/gbdt's `matrixFromRecords` makes of one record per sample, without the
 * records: leaf encoding runs on every event, and building a record object per sample plus
 * a label-to-code map per batch and feature was most of its cost (bench/ingest).
 *
 * The label-to-code maps are kept between calls and follow labels that others append to a
 * feature's `categories` (a GBDT refresh grows them on the shared feature specs).
 */
export class SampleColumns {
  private readonly readers: ((fields: Fields) => number)[];

  constructor(
    readonly features: FeatureSpec[],
    options: SampleColumnsOptions = {},
  ) {
    const grow = options.growCategories ?? false;
    this.readers = features.map((feature) => columnReader(feature, grow));
  }

  /** One column per feature, one row per sample, in @tmrm/gbdt's matrix form. */
  matrix(samples: readonly Sample[]): FeatureMatrix {
    const rowCount = samples.length;
    const columns = this.readers.map((read) => {
      const column = new Float64Array(rowCount);
      for (let row = 0; row < rowCount; row++) column[row] = read(samples[row].fields);
      return column;
    });
    return { features: this.features, columns, rowCount };
  }
}

function columnReader(feature: FeatureSpec, grow: boolean): (fields: Fields) => number {
  const { name } = feature;
  if (feature.kind === 'categorical') return categoryReader(feature, grow);
  const numeric = (fields: Fields) => {
    const value = fields[name];
    if (value === undefined || Array.isArray(value)) return NaN;
    return typeof value === 'number' ? value : Number(value);
  };
  const cut = name.indexOf(INDICATOR_SEPARATOR);
  if (cut <= 0) return numeric;
  const listName = name.slice(0, cut);
  const label = name.slice(cut + 1);
  return (fields) => {
    if (name in fields) return numeric(fields);
    const values = fields[listName];
    if (!Array.isArray(values)) return NaN;
    return values.includes(label) ? 1 : 0;
  };
}

function categoryReader(feature: FeatureSpec, grow: boolean): (fields: Fields) => number {
  const { name } = feature;
  const categories = (feature.categories ??= []);
  const codes = new Map<string, number>();
  return (fields) => {
    const value = fields[name];
    if (value === undefined || Array.isArray(value)) return NaN;
    const text = String(value);
    if (text === '') return NaN;
    // Labels appended elsewhere since the last call: map them too (codes only ever grow).
    for (let code = codes.size; code < categories.length; code++) codes.set(categories[code], code);
    const code = codes.get(text);
    if (code !== undefined) return code;
    if (!grow) return NaN;
    categories.push(text);
    codes.set(text, categories.length - 1);
    return categories.length - 1;
  };
}
