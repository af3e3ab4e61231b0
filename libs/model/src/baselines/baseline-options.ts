import { ConfigError, type Logger } from '@tmrm/common';
import type { Ensemble } from '@tmrm/gbdt';
import type { DescribeLeaf } from '../feature-path';
import { resolveFieldSpecs, type FieldSpec, type ResolvedFieldSpec } from '../input/field-spec';
import { LeafSpace, type LeafSpaceSpec } from '../model/leaf-space';
import type { OptimizerConfig } from '../optim/optimizer';

/**
 * Options of {@link createBaseline}. The shared ones mean what they mean for TmrmModel; the
 * model-specific ones say which baseline reads them.
 */
export interface BaselineOptions {
  fields: FieldSpec[];
  /** k, the size of every embedding (FM, FFM per field, Wide&Deep, DeepFM, TEM). Default 8. */
  embeddingSize?: number;
  /** Deep part of Wide&Deep and DeepFM. Default [200, 200, 200], as TMRM's. */
  hiddenUnits?: number[];
  /** Dropout after each hidden layer while training. Default 0.1. */
  dropoutRate?: number;
  /** Default Adam with learning rate 0.001. */
  optimizer?: OptimizerConfig;
  /** Largest joint L2 norm of a step's gradients. Default 10. */
  clipNorm?: number;
  /** Seeds initialisation and dropout. Default 1. */
  seed?: number;
  logger?: Logger;

  /**
   * The stage-1 GBDT (libs/gbdt). GBDT alone needs it (its leaf values score); GBDT+LR and TEM
   * take their leaf space from it when `leafSpace` is not given.
   */
  ensemble?: Ensemble;
  /** The leaf space of `sample.leafIds` (GBDT+LR, TEM), as TmrmModel takes it. */
  leafSpace?: LeafSpaceSpec;
  /** Feature paths of leaves, for `explain` (TEM, GBDT). */
  describeLeaf?: DescribeLeaf;

  /**
   * Wide&Deep: pairs of categorical fields whose value pairs become hashed cross features of
   * the wide part (the paper's cross-product transformations). Default none.
   */
  wideCrosses?: [string, string][];
  /** Wide&Deep: hashed rows shared by the cross features. Default 10,000. */
  crossBuckets?: number;

  /** TEM: width a of the attention network. Default 16. */
  attentionSize?: number;
  /** TEM: how attention-weighted leaf embeddings are pooled. Default 'average'. */
  pooling?: 'average' | 'max';

  /** GBDT-CENT: the categorical fields whose values get their own numerical trees. */
  treeFields?: string[];
  /** GBDT-CENT: fewest training samples a value needs to get trees. Default 50. */
  minTreeSupport?: number;
  /** GBDT-CENT: boosting rounds (one tree per supported value each). Default 2. */
  treeRounds?: number;
  /** GBDT-CENT: depth of each numerical tree. Default 3. */
  treeDepth?: number;
  /** GBDT-CENT: shrinkage of each tree's Newton step. Default 0.5. */
  treeLearningRate?: number;
}

/** Options with defaults filled in and checked. */
export interface ResolvedBaselineOptions {
  fields: ResolvedFieldSpec[];
  embeddingSize: number;
  hiddenUnits: number[];
  dropoutRate: number;
  optimizer: OptimizerConfig;
  clipNorm: number;
  seed: number;
}

/** Fills the shared defaults and validates, failing with the option, value, rule and fix. */
export function resolveBaselineOptions(options: BaselineOptions): ResolvedBaselineOptions {
  if (!options || typeof options !== 'object') {
    throw new ConfigError('options', options, 'must be an options object with `fields`');
  }
  const embeddingSize = options.embeddingSize ?? 8;
  positiveInteger('embeddingSize', embeddingSize);
  const hiddenUnits = options.hiddenUnits ?? [200, 200, 200];
  if (!Array.isArray(hiddenUnits) || hiddenUnits.length === 0) {
    throw new ConfigError('hiddenUnits', hiddenUnits, 'must list at least one layer width');
  }
  hiddenUnits.forEach((units, i) => positiveInteger(`hiddenUnits[${i}]`, units));
  const dropoutRate = options.dropoutRate ?? 0.1;
  if (!(dropoutRate >= 0 && dropoutRate < 1)) {
    throw new ConfigError('dropoutRate', dropoutRate, 'must be in [0, 1)');
  }
  const clipNorm = options.clipNorm ?? 10;
  if (!(clipNorm > 0)) throw new ConfigError('clipNorm', clipNorm, 'must be > 0');
  const seed = options.seed ?? 1;
  if (!Number.isInteger(seed)) throw new ConfigError('seed', seed, 'must be an integer');
  return {
    fields: resolveFieldSpecs(options.fields),
    embeddingSize,
    hiddenUnits: [...hiddenUnits],
    dropoutRate,
    optimizer: options.optimizer ?? { kind: 'adam' },
    clipNorm,
    seed,
  };
}

/**
 * The leaf space a leaf-reading baseline uses: `leafSpace` if given, else the one of
 * `ensemble` (tree t has as many leaves as its leaf values).
 */
export function requireLeafSpace(
  options: Pick<BaselineOptions, 'leafSpace' | 'ensemble'>,
  model: string,
): LeafSpace {
  if (options.leafSpace) return new LeafSpace(options.leafSpace);
  if (options.ensemble) {
    const treeLeafCounts = options.ensemble.trees.map((tree) => tree.leafValue.length);
    return new LeafSpace({ treeLeafCounts, version: 'ensemble' });
  }
  const fix = 'pass the stage-1 GBDT as `ensemble` or its `leafSpace`';
  throw new ConfigError('leafSpace', undefined, `${model} reads GBDT leaves`, fix);
}

export function positiveInteger(option: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new ConfigError(option, value, 'must be an integer >= 1');
  }
}
