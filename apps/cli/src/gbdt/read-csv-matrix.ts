import { readFileSync } from 'node:fs';
import { ConfigError, TmrmError } from '@tmrm/common';
import { parseCsvLine } from '@tmrm/datasets';
import { categoryCoder, type FeatureSpec, type LabelledMatrix } from '@tmrm/gbdt';

/** The parts of `mapping.json` (format tmrm-mapping v1) the GBDT needs. */
export interface ExportMapping {
  label: string;
  categorical: string[];
}

/** Reads `mapping.json`; without one every column but `label` is numeric. */
export function readMapping(path: string | undefined): ExportMapping {
  if (!path) return { label: 'label', categorical: [] };
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (cause) {
    throw new TmrmError(`mapping ${path}: cannot read it as JSON`, { cause });
  }
  if (json.format !== 'tmrm-mapping' || json.version !== 1) {
    throw new ConfigError(
      '--mapping',
      path,
      'must be a tmrm-mapping version 1 file',
      'use the mapping.json of tmrm data export',
    );
  }
  const categorical = Array.isArray(json.categorical) ? json.categorical.map(String) : [];
  return { label: typeof json.label === 'string' ? json.label : 'label', categorical };
}

/**
 * Reads a CSV as `tmrm data export` writes it (header row, one column per
 * feature, the label column) into a column-major matrix. With `features` the
 * columns are matched to them by name (a model's features, or the training
 * split's); otherwise every non-label column becomes a feature, categorical when
 * the mapping says so. Categorical labels get codes in the feature's categories
 * (new labels appended); an empty cell is missing.
 */
export function readCsvMatrix(
  path: string,
  mapping: ExportMapping,
  features?: FeatureSpec[],
  options: { labelRequired?: boolean } = {},
): LabelledMatrix {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new TmrmError(`${path}: cannot read the file`, { cause });
  }
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const header = parseCsvLine(lines[0] ?? '');
  if (!header || header.length === 0 || header[0] === '')
    throw new TmrmError(`${path}: no header row`);
  const labelAt = header.indexOf(mapping.label);
  if (labelAt < 0 && options.labelRequired !== false) {
    throw new TmrmError(`${path}: no label column ${JSON.stringify(mapping.label)} in the header`);
  }
  const specs =
    features ??
    header
      .filter((name) => name !== mapping.label)
      .map<FeatureSpec>((name) =>
        mapping.categorical.includes(name)
          ? { name, kind: 'categorical', categories: [] }
          : { name, kind: 'numeric' },
      );
  const at = specs.map((feature) => {
    const index = header.indexOf(feature.name);
    if (index < 0)
      throw new TmrmError(`${path}: the header has no column ${JSON.stringify(feature.name)}`);
    return index;
  });
  const coders = specs.map((feature) =>
    feature.kind === 'categorical' ? categoryCoder(feature, { growCategories: true }) : null,
  );

  const rowCount = lines.length - 1;
  const columns = specs.map(() => new Float64Array(rowCount));
  const labels = new Float64Array(rowCount).fill(NaN);
  for (let row = 0; row < rowCount; row++) {
    const cells = parseCsvLine(lines[row + 1]);
    if (!cells || cells.length !== header.length) {
      throw new TmrmError(
        `${path}:${row + 2}: expected ${header.length} cells, found ${cells?.length ?? 'an open quote'}`,
      );
    }
    for (let f = 0; f < specs.length; f++) {
      const cell = cells[at[f]];
      const coder = coders[f];
      if (cell === '') columns[f][row] = NaN;
      else if (coder) columns[f][row] = coder(cell);
      else {
        const value = Number(cell);
        if (Number.isNaN(value)) {
          throw new TmrmError(
            `${path}:${row + 2}: column ${specs[f].name} holds ${JSON.stringify(cell)}, not a number; ` +
              'pass --mapping to declare categorical columns',
          );
        }
        columns[f][row] = value;
      }
    }
    if (labelAt >= 0) labels[row] = Number(cells[labelAt]);
  }
  return { features: specs, columns, rowCount, labels };
}
