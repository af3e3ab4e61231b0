import { ConfigError, type Logger } from '@tmrm/common';
import type { BinMapper } from './bin-mapper';
import type { ObjectiveName } from './objective';
import type { LabelledMatrix } from './training-data';

export interface TrainOptions {
  /** 'logloss' for 0/1 labels (default) or 'squared-error'. */
  objective?: ObjectiveName;
  /** Boosting rounds, one tree each (default 100). */
  trees?: number;
  /** Shrinkage applied to every leaf value (default 0.1). */
  learningRate?: number;
  /** Depth limit, 0 for none (default 6). */
  maxDepth?: number;
  /** Leaf limit per tree, 0 for none (default 0); a limit grows leaf-wise, best gain first. */
  maxLeaves?: number;
  /** Bins per feature including the missing bin, 3..256 (default 256). */
  maxBins?: number;
  /** L2 penalty on leaf weights (default 1). */
  lambda?: number;
  /** Minimum hessian sum per child (default 1). */
  minChildWeight?: number;
  /** Minimum loss reduction of a split (default 0). */
  minSplitGain?: number;
  /** Fraction of rows each tree learns from, (0, 1] (default 1). */
  rowSubsample?: number;
  /** Fraction of features each tree may split on, (0, 1] (default 1). */
  columnSubsample?: number;
  /** LightGBM's cat_smooth (default 10). */
  categorySmoothing?: number;
  /** LightGBM's cat_l2 (default 10). */
  categoryLambda?: number;
  /** Most category bins on one side of a categorical split (default 128; LightGBM uses 32). */
  maxCategoriesPerSplit?: number;
  /**
   * Least hessian sum of a category in a node for it to be placed by a split
   * (default 10; about 70 rows at a 1/6 click rate); rarer categories go right.
   */
  minCategoryWeight?: number;
  /** Seed of row/column sampling and of the binning sample (default 0). */
  seed?: number;
  /** Histogram threads: 1 is fully single-threaded (default 1). */
  threads?: number;
  /** Scored after every tree; needed for early stopping. */
  validation?: LabelledMatrix;
  /** Stop after this many trees without a better validation loss, 0 for off (default 0). */
  earlyStoppingRounds?: number;
  /** Compute the training loss after every tree into the history (default false; costs a pass). */
  recordTrainingLoss?: boolean;
  /** Bins to use instead of fitting them on the training data (e.g. from a quantile sketch). */
  binMapper?: BinMapper;
  logger?: Logger;
}

export type ResolvedTrainOptions = Required<
  Omit<TrainOptions, 'validation' | 'binMapper' | 'logger'>
> &
  Pick<TrainOptions, 'validation' | 'binMapper' | 'logger'>;

/** Fills defaults and checks every option, failing with the option, value, rule and fix. */
export function resolveTrainOptions(options: TrainOptions): ResolvedTrainOptions {
  const resolved: ResolvedTrainOptions = {
    objective: 'logloss',
    trees: 100,
    learningRate: 0.1,
    maxDepth: 6,
    maxLeaves: 0,
    maxBins: 256,
    lambda: 1,
    minChildWeight: 1,
    minSplitGain: 0,
    rowSubsample: 1,
    columnSubsample: 1,
    categorySmoothing: 10,
    categoryLambda: 10,
    maxCategoriesPerSplit: 128,
    minCategoryWeight: 10,
    seed: 0,
    threads: 1,
    earlyStoppingRounds: 0,
    recordTrainingLoss: false,
    ...definedOnly(options),
  };
  if (resolved.objective !== 'logloss' && resolved.objective !== 'squared-error') {
    throw new ConfigError('objective', resolved.objective, "must be 'logloss' or 'squared-error'");
  }
  integer('trees', resolved.trees, 1);
  integer('maxDepth', resolved.maxDepth, 0);
  integer('maxLeaves', resolved.maxLeaves, 0);
  integer('maxBins', resolved.maxBins, 3, 256);
  integer('threads', resolved.threads, 1, 64);
  integer('earlyStoppingRounds', resolved.earlyStoppingRounds, 0);
  integer('maxCategoriesPerSplit', resolved.maxCategoriesPerSplit, 1);
  integer('seed', resolved.seed, 0, 2 ** 32 - 1);
  if (resolved.maxDepth === 0 && resolved.maxLeaves === 0) {
    throw new ConfigError(
      'maxDepth',
      0,
      'needs maxLeaves > 0 when there is no depth limit',
      'set one',
    );
  }
  if (resolved.maxLeaves === 1) {
    throw new ConfigError(
      'maxLeaves',
      1,
      'a tree needs at least 2 leaves to split',
      'use >= 2 or 0',
    );
  }
  positive('learningRate', resolved.learningRate);
  fraction('rowSubsample', resolved.rowSubsample);
  fraction('columnSubsample', resolved.columnSubsample);
  for (const name of [
    'lambda',
    'minChildWeight',
    'minSplitGain',
    'categorySmoothing',
    'categoryLambda',
  ] as const) {
    if (!(resolved[name] >= 0) || !Number.isFinite(resolved[name])) {
      throw new ConfigError(name, resolved[name], 'must be a finite number >= 0');
    }
  }
  if (resolved.earlyStoppingRounds > 0 && !resolved.validation) {
    throw new ConfigError(
      'earlyStoppingRounds',
      resolved.earlyStoppingRounds,
      'needs a validation set',
      'pass validation',
    );
  }
  return resolved;
}

function definedOnly(options: TrainOptions): TrainOptions {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
}

function integer(option: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(option, value, `must be an integer in ${min}..${max}`);
  }
}

function positive(option: string, value: number): void {
  if (!(value > 0) || !Number.isFinite(value))
    throw new ConfigError(option, value, 'must be a finite number > 0');
}

function fraction(option: string, value: number): void {
  if (!(value > 0 && value <= 1)) throw new ConfigError(option, value, 'must be in (0, 1]');
}
