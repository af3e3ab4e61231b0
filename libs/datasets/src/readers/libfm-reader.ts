import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { ConfigError } from '@tmrm/common';
import { readLines } from '../io/read-lines';
import type { ReadIssues } from '../io/read-issues';
import type { Features } from '../records';
import type { DatasetReader, DatasetRecord } from './dataset-reader';
import { parseNumber } from './parse-fields';

/** Options of {@link libfmReader}. */
export interface LibfmOptions {
  /** `libfm` and `libsvm`: `label idx:val ...`; `libffm`: `label field:idx:val ...`. */
  format: 'libfm' | 'libsvm' | 'libffm';
  /** A file of `idx field` lines naming each feature's field (libfm/libsvm only). */
  fieldMapPath?: string;
  /** The field whose feature index is the user id; defaults to the first field (`f0`). */
  userField?: string;
  /** The field whose feature index is the item id; defaults to the second field (`f1`). */
  itemField?: string;
}

/**
 * Reads a libFM, libSVM or libFFM file, the formats of public CTR benchmarks. Rows are labelled
 * (label > 0 is a click), so the protocol uses them as they are.
 *
 * Fields: libFFM names them (`f3` for field 3); libFM/libSVM take them from a field-map file,
 * or else by position (`f0`, `f1`, ...), which needs every row to have as many features as the
 * first one (other rows are issues). In a field, a feature with value 1 is categorical (the
 * feature index is the category; several make a multi-valued field); any other value is numeric
 * (the field's value). The user and item fields give the ids and are not repeated as features.
 * The formats carry no time: `eventTimeMs` is the line number, so a time split follows file order.
 */
export function libfmReader(
  path: string,
  issues: ReadIssues,
  options: LibfmOptions,
): DatasetReader {
  const fieldOf = options.fieldMapPath ? readFieldMap(options.fieldMapPath) : null;
  if (fieldOf && options.format === 'libffm') {
    throw new ConfigError(
      'fieldMapPath',
      options.fieldMapPath,
      'libffm rows name their fields already',
    );
  }
  const userField = options.userField ?? 'f0';
  const itemField = options.itemField ?? 'f1';
  const file = basename(path);

  async function* records(): AsyncGenerator<DatasetRecord> {
    let width = -1;
    for await (const { text, lineNumber } of readLines(path, { issues })) {
      const tokens = text.trim().split(/\s+/);
      const labelValue = parseNumber(tokens[0]);
      if (labelValue === null) {
        issues.report(file, lineNumber, `label ${JSON.stringify(tokens[0])} is not a number`);
        continue;
      }
      const parsed = parseFeatures(tokens.slice(1), options.format, fieldOf);
      if (typeof parsed === 'string') {
        issues.report(file, lineNumber, parsed);
        continue;
      }
      if (!fieldOf && options.format !== 'libffm') {
        if (width === -1) width = tokens.length - 1;
        if (tokens.length - 1 !== width) {
          issues.report(
            file,
            lineNumber,
            `expected ${width} features (fields by position), found ${tokens.length - 1}`,
          );
          continue;
        }
      }
      const userId = parsed.categorical[userField];
      const itemId = parsed.categorical[itemField];
      if (userId === undefined || itemId === undefined) {
        issues.report(
          file,
          lineNumber,
          `the user field ${userField} or item field ${itemField} is missing`,
        );
        continue;
      }
      delete parsed.categorical[userField];
      delete parsed.categorical[itemField];
      const label = labelValue > 0 ? 1 : 0;
      yield {
        kind: 'event',
        label,
        event: {
          eventId: `${file}:${lineNumber}`,
          userId,
          itemId,
          eventType: label === 1 ? 'click' : 'view',
          value: labelValue,
          eventTimeMs: lineNumber,
          context: parsed,
        },
      };
    }
  }

  return { name: options.format, labelled: true, issues, records };
}

function parseFeatures(
  tokens: string[],
  format: LibfmOptions['format'],
  fieldOf: Map<string, string> | null,
): Features | string {
  const features: Features = { categorical: {}, numeric: {}, multi: {} };
  for (let position = 0; position < tokens.length; position++) {
    const parts = tokens[position].split(':');
    if (parts.length !== (format === 'libffm' ? 3 : 2)) {
      return `feature ${JSON.stringify(tokens[position])} is not ${format === 'libffm' ? 'field:index:value' : 'index:value'}`;
    }
    const [index, valueText] = parts.slice(-2);
    const value = parseNumber(valueText);
    if (value === null || !/^\d+$/.test(index)) {
      return `feature ${JSON.stringify(tokens[position])} needs an integer index and a numeric value`;
    }
    const field =
      format === 'libffm' ? `f${parts[0]}` : fieldOf ? fieldOf.get(index) : `f${position}`;
    if (field === undefined) return `feature index ${index} is not in the field map`;
    if (value !== 1) features.numeric[field] = value;
    else if (features.multi[field]) features.multi[field].push(index);
    else if (features.categorical[field] !== undefined) {
      features.multi[field] = [features.categorical[field], index];
      delete features.categorical[field];
    } else features.categorical[field] = index;
  }
  return features;
}

function readFieldMap(path: string): Map<string, string> {
  const map = new Map<string, string>();
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      const [index, field, extra] = line.trim().split(/\s+/);
      if (!field || extra !== undefined || !/^\d+$/.test(index)) {
        throw new ConfigError(`fieldMapPath line ${i + 1}`, line, 'must be "index field"');
      }
      map.set(index, field);
    });
  return map;
}
