import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError, silentLogger, type Logger } from '@tmrm/common';
import { exportDataset, openDataset } from '@tmrm/datasets';
import { EvalError } from '../eval-error';
import type { EvalSplit, PlantedTruth } from './eval-split';
import { loadCsvSplit } from './load-csv-split';
import { syntheticSplit, type SyntheticSplitOptions } from './synthetic-split';

/** Where the evaluation's data comes from: exactly one of the three forms. */
export interface SplitSource {
  /** A data-set kind libs/datasets reads (`ml-100k`, `tmrm`, ...), or `synthetic`. */
  dataset?: string;
  path?: string;
  /** Pre-split CSV files as `tmrm data export` writes them. */
  train?: string;
  valid?: string;
  test?: string;
  mapping?: string;
  /** `paper`: random 80/10/10 split; `time`: the last 10% + 10% of time validate and test. */
  protocol?: 'paper' | 'time';
  /** Sampled negatives per positive (the paper's protocol); default 5. */
  negativesPerPositive?: number;
  /** Seeds negative sampling and random splits. Default 1. */
  seed?: number;
  /** `--dataset synthetic` without `--path`: the generator's size. */
  synthetic?: Omit<SyntheticSplitOptions, 'seed'>;
  /** Folder the prepared split is exported to (CSV + mapping.json). */
  exportDir: string;
  logger?: Logger;
}

/**
 * Builds the one split every model of an evaluation uses, from any source:
 * a data set prepared with the paper's protocol by libs/datasets (exported to
 * `exportDir` first, so the CSVs other tools read are exactly what tmrm
 * trained on), pre-split CSV files, or the synthetic generator in-process.
 * A `truth.json` beside a synthetic data set's files carries its planted crosses.
 */
export async function prepareSplit(source: SplitSource): Promise<EvalSplit> {
  const files = [source.train, source.valid, source.test];
  const hasFiles = files.some((file) => file !== undefined);
  if (hasFiles === (source.dataset !== undefined)) {
    throw new ConfigError(
      '--dataset / --train',
      source.dataset ?? files.join(','),
      'give either --dataset (with --path) or --train, --valid and --test',
    );
  }
  if (hasFiles) {
    if (files.some((file) => file === undefined)) {
      throw new ConfigError(
        '--train/--valid/--test',
        files.join(','),
        'all three files are needed',
      );
    }
    return loadCsvSplit({
      train: source.train as string,
      valid: source.valid as string,
      test: source.test as string,
      mapping: source.mapping,
    });
  }

  const seed = source.seed ?? 1;
  if (source.dataset === 'synthetic' && source.path === undefined) {
    return syntheticSplit({ users: 1000, items: 500, events: 50_000, ...source.synthetic, seed });
  }
  if (source.path === undefined) {
    throw new ConfigError('--path', undefined, `--dataset ${source.dataset} needs --path`);
  }
  const kind = source.dataset === 'synthetic' ? 'tmrm' : (source.dataset as string);
  const reader = openDataset({
    dataset: kind,
    path: source.path,
    mappingPath: source.mapping,
    logger: source.logger ?? silentLogger,
  });
  const protocol = source.protocol ?? 'paper';
  const summary = await exportDataset({
    reader,
    outDir: source.exportDir,
    protocol: {
      seed,
      negativesPerPositive: source.negativesPerPositive ?? 5,
      split: protocol === 'time' ? 'time' : 'random',
    },
    logger: source.logger,
  });
  const split = await loadCsvSplit({
    train: join(source.exportDir, 'train.csv'),
    valid: join(source.exportDir, 'valid.csv'),
    test: join(source.exportDir, 'test.csv'),
    mapping: join(source.exportDir, 'mapping.json'),
  });
  split.description = {
    ...split.description,
    name: source.dataset as string,
    source: source.path,
    protocol: `${protocol} (${summary.protocol.negativesPerPositive} sampled negatives per positive)`,
    exportedTo: source.exportDir,
  };
  split.truth = await readTruth(source.path);
  return split;
}

async function readTruth(folder: string): Promise<PlantedTruth[] | null> {
  const file = join(folder, 'truth.json');
  try {
    await access(file);
  } catch {
    return null;
  }
  const truth = JSON.parse(await readFile(file, 'utf8'));
  if (truth.format !== 'tmrm-synthetic-truth' || !Array.isArray(truth.crosses)) {
    throw new EvalError(`${file}: not a tmrm-synthetic-truth file; remove it or regenerate it`);
  }
  return truth.crosses as PlantedTruth[];
}
