import { ConfigError } from '@tmrm/common';
import { resolveFieldSpecs, type FieldSpec, type ResolvedFieldSpec } from '../input/field-spec';
import type { ExplanationRanking } from '../explain/explain-leaves';
import type { TaskWeighting } from '../losses/task-weighting';
import type { OptimizerConfig } from '../optim/optimizer';
import { LeafSpace, type LeafSpaceSpec } from './leaf-space';

/** Which L2 variant trains head 2 (see the files under losses/). */
export type LeafLoss =
  | { kind: 'full' }
  | { kind: 'sampled'; negatives: number; proposal: 'uniform' | 'frequency' }
  | { kind: 'per-tree-softmax' };

/** The serialisable configuration of a {@link TmrmModel}. */
export interface ModelConfig {
  fields: FieldSpec[];
  /** k, the size of every feature embedding v_i. Default 8. */
  embeddingSize?: number;
  /** Widths of the deep part's ReLU layers; the paper uses 3. Default [200, 200, 200]. */
  hiddenUnits?: number[];
  /** Dropout after each hidden layer while training. Default 0.1. */
  dropoutRate?: number;
  /** The GBDT leaf space for head 2; null or absent gives DeepFM (TMRM without head 2). */
  leafSpace?: LeafSpaceSpec | null;
  /** Default `{ kind: 'full' }`, the paper's. */
  leafLoss?: LeafLoss;
  /**
   * Default TMRM-HU, `{ kind: 'homoscedastic' }`, its log-variances starting at the optimum for
   * the initial losses (see `initialTaskParameters`).
   */
  taskWeighting?: TaskWeighting;
  /** Default Adam with learning rate 0.001. */
  optimizer?: OptimizerConfig;
  /** Largest joint L2 norm of a step's gradients. Default 10; Infinity turns clipping off. */
  clipNorm?: number;
  /** Seeds initialisation, dropout and negative sampling. Default 1. */
  seed?: number;
  /** How explanations order active leaves; default `'lift'` (see ExplanationRanking). */
  explanationRanking?: ExplanationRanking;
  /**
   * How strongly the leaf loss trains the shared body: the fraction of its gradient that flows
   * back through head 2's input, in [0, 1]. `'shared'` = 1 is the paper's; `'detached'` = 0 makes
   * head 2 a probe of what the click task learned (the click model is then DeepFM's). Default
   * 0.1. Why: on ml-100k the leaf task does not help the click task, and the more it trains the
   * body the lower the click AUC (120,000 training rows, 2 epochs, TMRM-HU: 0.860 at 1, 0.868 at
   * 0.1, 0.868 detached, DeepFM 0.867; README). Head 2's own weights always learn at full
   * strength, so explanations keep working; 0.1 keeps the body shared, as the paper's design
   * intends, at a weight where it cost no accuracy in our measurements.
   */
  leafHeadGradient?: 'shared' | 'detached' | number;
}

/** A {@link ModelConfig} with defaults filled in and every value checked. */
export interface ResolvedModelConfig {
  fields: ResolvedFieldSpec[];
  embeddingSize: number;
  hiddenUnits: number[];
  dropoutRate: number;
  leafSpace: LeafSpace | null;
  leafLoss: LeafLoss;
  taskWeighting: TaskWeighting;
  optimizer: OptimizerConfig;
  clipNorm: number;
  seed: number;
  explanationRanking: ExplanationRanking;
  /** The fraction of the leaf loss's gradient reaching the shared body, in [0, 1]. */
  leafHeadGradient: number;
}

/** Fills defaults and validates, failing with the option, value, rule and fix. */
export function resolveModelConfig(config: ModelConfig): ResolvedModelConfig {
  const embeddingSize = config.embeddingSize ?? 8;
  positiveInteger('embeddingSize', embeddingSize);
  const hiddenUnits = config.hiddenUnits ?? [200, 200, 200];
  if (!Array.isArray(hiddenUnits) || hiddenUnits.length === 0) {
    throw new ConfigError('hiddenUnits', hiddenUnits, 'must list at least one layer width');
  }
  hiddenUnits.forEach((units, i) => positiveInteger(`hiddenUnits[${i}]`, units));
  const dropoutRate = config.dropoutRate ?? 0.1;
  if (!(dropoutRate >= 0 && dropoutRate < 1)) {
    throw new ConfigError('dropoutRate', dropoutRate, 'must be in [0, 1)');
  }
  const clipNorm = config.clipNorm ?? 10;
  if (!(clipNorm > 0)) throw new ConfigError('clipNorm', clipNorm, 'must be > 0');
  const seed = config.seed ?? 1;
  if (!Number.isInteger(seed)) throw new ConfigError('seed', seed, 'must be an integer');
  return {
    fields: resolveFieldSpecs(config.fields),
    embeddingSize,
    hiddenUnits: [...hiddenUnits],
    dropoutRate,
    leafSpace: config.leafSpace ? new LeafSpace(config.leafSpace) : null,
    leafLoss: checkLeafLoss(config.leafLoss ?? { kind: 'full' }),
    taskWeighting: checkTaskWeighting(config.taskWeighting ?? { kind: 'homoscedastic' }),
    optimizer: config.optimizer ?? { kind: 'adam' },
    clipNorm,
    seed,
    explanationRanking: checkRanking(config.explanationRanking ?? 'lift'),
    leafHeadGradient: checkLeafHeadGradient(config.leafHeadGradient ?? 0.1),
  };
}

function checkLeafLoss(loss: LeafLoss): LeafLoss {
  if (loss.kind === 'full' || loss.kind === 'per-tree-softmax') return loss;
  if (loss.kind !== 'sampled') {
    const fix = "use 'full', 'sampled' or 'per-tree-softmax'";
    throw new ConfigError('leafLoss.kind', (loss as { kind: unknown }).kind, 'unknown', fix);
  }
  positiveInteger('leafLoss.negatives', loss.negatives);
  if (loss.proposal !== 'uniform' && loss.proposal !== 'frequency') {
    throw new ConfigError('leafLoss.proposal', loss.proposal, "must be 'uniform' or 'frequency'");
  }
  return loss;
}

function checkTaskWeighting(weighting: TaskWeighting): TaskWeighting {
  if (weighting.kind === 'homoscedastic') {
    const initial = weighting.initialLogVariances;
    if (initial === undefined) return weighting;
    if (!Array.isArray(initial) || initial.length !== 2 || !initial.every(Number.isFinite)) {
      const fix = 'omit it to start at the optimum for the initial losses';
      throw new ConfigError(
        'taskWeighting.initialLogVariances',
        initial,
        'must be two finite numbers',
        fix,
      );
    }
    return weighting;
  }
  if (weighting.kind === 'optimal-weights') {
    if (!(weighting.penaltyLambda >= 0)) {
      const option = 'taskWeighting.penaltyLambda';
      throw new ConfigError(option, weighting.penaltyLambda, 'must be >= 0');
    }
    return weighting;
  }
  if (weighting.kind === 'fixed') {
    const weights = weighting.weights;
    if (!Array.isArray(weights) || weights.length !== 2 || !weights.every((w) => w >= 0)) {
      throw new ConfigError('taskWeighting.weights', weights, 'must be two weights >= 0');
    }
    return weighting;
  }
  const kind = (weighting as { kind: unknown }).kind;
  const fix = "use 'fixed', 'optimal-weights' or 'homoscedastic'";
  throw new ConfigError('taskWeighting.kind', kind, 'unknown', fix);
}

function positiveInteger(option: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new ConfigError(option, value, 'must be an integer >= 1');
  }
}

function checkRanking(ranking: ExplanationRanking): ExplanationRanking {
  if (ranking !== 'lift' && ranking !== 'probability') {
    throw new ConfigError('explanationRanking', ranking, "must be 'lift' or 'probability'");
  }
  return ranking;
}

function checkLeafHeadGradient(mode: 'shared' | 'detached' | number): number {
  if (mode === 'shared') return 1;
  if (mode === 'detached') return 0;
  if (typeof mode !== 'number' || !(mode >= 0 && mode <= 1)) {
    const fix = "use 'shared' (1), 'detached' (0) or a fraction in between";
    throw new ConfigError('leafHeadGradient', mode, 'must be a number in [0, 1]', fix);
  }
  return mode;
}
