import { ConfigError, type Logger } from '@tmrm/common';
import { ReadIssues } from '../io/read-issues';
import type { DatasetReader } from './dataset-reader';
import { movieLens100kReader } from './movielens-100k-reader';
import { tmrmJsonlReader } from './tmrm-jsonl-reader';

/** Options of {@link openDataset}. */
export interface OpenDatasetOptions {
  /** The data-set kind, one of {@link DATASET_KINDS}. */
  dataset: string;
  /** The folder (or, for single-file formats, the file) holding it. */
  path: string;
  /** Fail on the first bad line instead of skipping and counting it. */
  strict?: boolean;
  logger?: Logger;
}

type ReaderFactory = (
  path: string,
  issues: ReadIssues,
  options: OpenDatasetOptions,
) => DatasetReader;

const READERS: Record<string, ReaderFactory> = {
  tmrm: (path, issues) => tmrmJsonlReader(path, issues),
  synthetic: (path, issues) => tmrmJsonlReader(path, issues),
  'ml-100k': (path, issues) => movieLens100kReader(path, issues),
};

/** Every value `--dataset` accepts. */
export const DATASET_KINDS: readonly string[] = Object.keys(READERS);

/**
 * Opens a data set for streaming by its kind and location.
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
