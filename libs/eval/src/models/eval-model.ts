import type { Logger } from '@tmrm/common';
import type { EvalSplit, FlatRow } from '../data/eval-split';
import type { ExplanationPath, StopReason, TrainingBudget } from '../results/eval-results';
import type { StageOneCache } from './stage-one';

/** What a model gets to train: the shared split, a seed, and the budget every model shares. */
export interface TrainContext {
  split: EvalSplit;
  seed: number;
  budget: TrainingBudget;
  logger: Logger;
  /** Stage-1 GBDTs shared between models of one seed (GBDT, GBDT+LR, TMRM). */
  stageOne: StageOneCache;
  /** Called after each epoch (or boosting round block) with progress in [0, 1]. */
  onProgress?: (fraction: number) => void;
}

/** A model after training, as the evaluation uses it. */
export interface TrainedModel {
  /** Click probability per row. */
  predict(rows: readonly FlatRow[]): Float64Array;
  /** Wall-clock training seconds (data preparation excluded, stage 1 included). */
  trainSeconds: number;
  epochs?: number;
  bestEpoch?: number;
  stoppedBy?: StopReason;
  /** CPU seconds of the training loop, for the networks. */
  loopCpuSeconds?: number;
  validAuc?: number;
  validLogloss?: number;
  /** The top-K feature paths behind one row's score, when the model explains. */
  explain?(row: FlatRow, topK: number): ExplanationPath[];
}

/** A model trained one mini-batch at a time, for the prequential replay. */
export interface OnlineLearner {
  predict(rows: readonly FlatRow[]): Float64Array;
  trainBatch(rows: readonly FlatRow[], labels: Uint8Array): void;
  dispose?(): void;
}

/** One entry of the model registry: `tmrm-hu`, `deepfm`, `gbdt`, ... */
export interface ModelTrainer {
  name: string;
  /** One line for `tmrm eval --help` and error messages. */
  description: string;
  train(context: TrainContext): Promise<TrainedModel>;
  /** Present on models that learn online (prequential mode). */
  createOnline?(context: TrainContext): Promise<OnlineLearner>;
}
