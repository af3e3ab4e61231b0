import { ConfigError, type Logger } from '@tmrm/common';
import { ReadIssues } from '../io/read-issues';
import type { DatasetReader } from './dataset-reader';
import { hetrecMovieLensReader } from './hetrec-movielens-reader';
import { libfmReader } from './libfm-reader';
import { movieLens100kReader } from './movielens-100k-reader';
import { movieLensCsvReader } from './movielens-csv-reader';
import { movieLensDatReader } from './movielens-dat-reader';
import { retailRocketReader } from './retailrocket-reader';
import { readTableMapping } from './table-mapping';
import { tableReader } from './table-reader';
import { tmrmJsonlReader } from './tmrm-jsonl-reader';

/** Options of {@link openDataset}. */
export interface OpenDatasetOptions {
  /** The data-set kind, one of {@link DATASET_KINDS}. */
  dataset: string;
  /** The folder holding it, or the file for libfm, libsvm, libffm, csv, tsv and jsonl. */
  path: string;
  /** Fail on the first bad line instead of skipping and counting it. */
  strict?: boolean;
  logger?: Logger;
  /** csv, tsv, jsonl: the mapping file describing the columns (required for them). */
  mappingPath?: string;
  /** libfm, libsvm: an optional `index field` file naming each feature's field. */
  fieldMapPath?: string;
  /** libfm, libsvm, libffm: the field holding the user id (default `f0`). */
  userField?: string;
  /** libfm, libsvm, libffm: the field holding the item id (default `f1`). */
  itemField?: string;
}

type ReaderFactory = (
  path: string,
  issues: ReadIssues,
  options: OpenDatasetOptions,
) => DatasetReader;

const table =
  (format: 'csv' | 'tsv' | 'jsonl'): ReaderFactory =>
  (path, issues, options) => {
    if (!options.mappingPath) {
      throw new ConfigError(
        'mapping',
        undefined,
        `a ${format} data set needs a mapping file`,
        'pass --mapping FILE',
      );
    }
    return tableReader(format, path, readTableMapping(options.mappingPath), issues);
  };

const libfmFields = (options: OpenDatasetOptions) => ({
  fieldMapPath: options.fieldMapPath,
  userField: options.userField,
  itemField: options.itemField,
});

const READERS: Record<string, ReaderFactory> = {
  tmrm: (path, issues) => tmrmJsonlReader(path, issues),
  'ml-100k': (path, issues) => movieLens100kReader(path, issues),
  'ml-1m': (path, issues) => movieLensDatReader('ml-1m', path, issues),
  'ml-10m': (path, issues) => movieLensDatReader('ml-10m', path, issues),
  'ml-latest': (path, issues) => movieLensCsvReader(path, issues),
  'ml-25m': (path, issues) => movieLensCsvReader(path, issues),
  'hetrec-2k': (path, issues) => hetrecMovieLensReader(path, issues),
  retailrocket: (path, issues) => retailRocketReader(path, issues),
  libfm: (path, issues, o) => libfmReader(path, issues, { ...libfmFields(o), format: 'libfm' }),
  libsvm: (path, issues, o) => libfmReader(path, issues, { ...libfmFields(o), format: 'libsvm' }),
  libffm: (path, issues, o) => libfmReader(path, issues, { ...libfmFields(o), format: 'libffm' }),
  csv: table('csv'),
  tsv: table('tsv'),
  jsonl: table('jsonl'),
};

/** Every value `--dataset` accepts. */
export const DATASET_KINDS: readonly string[] = Object.keys(READERS);

/**
 * Opens a data set for streaming by its kind and location. `tmrm` is the project's own JSONL
 * layout (what `tmrm synth` writes).
 *
 * @example
 * const reader = openDataset({ dataset: 'ml-100k', path: '../shared/datasets/ml-100k' });
 * for await (const record of reader.records()) if (record.kind === 'event') count++;
 */
export function openDataset(options: OpenDatasetOptions): DatasetReader {
  const factory = READERS[options.dataset];
  if (!factory) {
    throw new ConfigError('dataset', options.dataset, `must be one of ${DATASET_KINDS.join(', ')}`);
  }
  const issues = new ReadIssues({ strict: options.strict, logger: options.logger });
  return factory(options.path, issues, options);
}
