import type { FeaturePath } from '../feature-path';
import type { Sample } from '../input/sample';

/** The baselines of the paper's comparison, by the names `tmrm eval --models` uses. */
export const baselineNames = [
  'lr',
  'fm',
  'ffm',
  'widedeep',
  'deepfm',
  'gbdt',
  'gbdt-lr',
  'tem',
  'gbdt-cent',
] as const;

export type BaselineName = (typeof baselineNames)[number];

/** What one training step of a baseline reports. */
export interface BaselineLosses {
  /** The objective that was minimised (mean click log-loss for every baseline). */
  loss: number;
  /** Mean click binary cross-entropy on the batch, before the step. */
  clickLoss: number;
  /** Global gradient norm factor applied (1 = not clipped, 0 = step skipped; 1 with no step). */
  clipFactor: number;
}

/** An opaque in-memory copy of a baseline's learned state, for early stopping. */
export interface BaselineCheckpoint {
  readonly model: BaselineName;
  readonly state: unknown;
}

/** A leaf of the sample, with the weight a tree-based baseline gives it in its explanation. */
export interface BaselineLeafWeight {
  leafId: number;
  /** TEM: the attention weight; GBDT: the leaf value. */
  weight: number;
}

/** The explanation of one sample by a baseline that can explain (TEM, GBDT). */
export interface BaselineExplanation {
  /** The sample's active leaves, by |weight|, largest first. */
  leaves: BaselineLeafWeight[];
  /** The top-K distinct feature paths of those leaves, with the baseline's weight. */
  paths: FeaturePath[];
}

/**
 * The common interface of every baseline: the same field-structured samples and the same
 * online training loop as {@link TmrmModel}, so one evaluation loop can train them all.
 * GBDT-based baselines read `sample.leafIds` (the stage-1 leaves) like TMRM's head 2 does.
 */
export interface BaselineModel {
  readonly name: BaselineName;
  /** One optimisation step on labelled samples. */
  trainBatch(samples: readonly Sample[]): BaselineLosses;
  /** The click probability of each sample. */
  predict(samples: readonly Sample[]): Float32Array;
  /**
   * Present on two-phase baselines (GBDT-CENT): fits the tree part on labelled samples after
   * the embedding part has been trained by `trainBatch`. Call it once, after the last epoch.
   */
  fitTrees?(samples: readonly Sample[]): Promise<void>;
  /** Present on baselines that explain with GBDT leaves (TEM, GBDT): needs `describeLeaf`. */
  explain?(sample: Sample, topK: number): BaselineExplanation;
  /** Copies the learned state (weights, optimiser, vocabularies), e.g. at the best epoch. */
  checkpoint(): BaselineCheckpoint;
  /** Puts back a state taken by `checkpoint` on this same model. */
  restore(checkpoint: BaselineCheckpoint): void;
  /** Releases what the model holds; it must not be used afterwards. */
  dispose(): void;
}
