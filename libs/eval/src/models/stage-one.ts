import {
  encodeLeaves,
  featureSpecs,
  matrixFromRecords,
  predict,
  trainGbdt,
  type Ensemble,
  type FeatureMatrix,
  type FeatureSpec,
  type LabelledMatrix,
} from '@tmrm/gbdt';
import type { EvalSchema, EvalSplit, FlatRow } from '../data/eval-split';
import { stageOneColumns } from './stage-one-columns';

/** A trained stage-1 GBDT and how to feed it rows. */
export interface StageOne {
  ensemble: Ensemble;
  /** Rows -> the GBDT's column-major matrix (categories fixed by training). */
  matrix(rows: readonly FlatRow[]): FeatureMatrix;
  /** Rows -> T global leaf ids each, row-major. */
  leafIds(rows: readonly FlatRow[]): Int32Array;
  /** Rows -> click probability of the GBDT alone. */
  predict(rows: readonly FlatRow[]): Float64Array;
  trees: number;
  bestTreeCount: number;
  trainSeconds: number;
}

/** Options of one stage-1 fit. */
export interface StageOneOptions {
  trees: number;
  depth: number;
  seed: number;
  learningRate?: number;
  /**
   * Rounds without validation improvement before boosting stops; 0 grows
   * exactly `trees` trees (TMRM's leaf space, whose size the sweeps vary).
   */
  earlyStoppingRounds: number;
}

/**
 * Stage-1 GBDTs shared by every model of one evaluation: GBDT alone, GBDT+LR,
 * TEM and TMRM all read the same trees for a given seed and size, as the
 * paper's comparison intends, and it is trained once, not once per model.
 */
export class StageOneCache {
  private readonly fits = new Map<string, Promise<StageOne>>();

  constructor(private readonly split: EvalSplit) {}

  get(options: StageOneOptions): Promise<StageOne> {
    const key = JSON.stringify(options);
    let fit = this.fits.get(key);
    if (!fit) {
      fit = fitStageOne(this.split, options);
      this.fits.set(key, fit);
    }
    return fit;
  }
}

/** Fits a GBDT on the training split with early stopping on the validation split. */
export async function fitStageOne(split: EvalSplit, options: StageOneOptions): Promise<StageOne> {
  const features = gbdtFeatures(split.schema);
  const toMatrix = (rows: readonly FlatRow[], grow: boolean): FeatureMatrix =>
    matrixFromRecords(features, rows as FlatRow[], { growCategories: grow });
  const labelled = (matrix: FeatureMatrix, labels: Uint8Array): LabelledMatrix => ({
    ...matrix,
    labels: Float64Array.from(labels),
  });
  const train = labelled(toMatrix(split.train.rows, true), split.train.labels);
  const validation = labelled(toMatrix(split.valid.rows, false), split.valid.labels);

  const result = await trainGbdt(train, {
    trees: options.trees,
    maxDepth: options.depth,
    learningRate: options.learningRate ?? 0.1,
    seed: options.seed,
    validation,
    earlyStoppingRounds: options.earlyStoppingRounds,
  });
  const ensemble = result.ensemble;
  return {
    ensemble,
    matrix: (rows) => toMatrix(rows, false),
    leafIds: (rows) => encodeLeaves(ensemble, toMatrix(rows, false)),
    predict: (rows) => predict(ensemble, toMatrix(rows, false)),
    trees: ensemble.trees.length,
    bestTreeCount: result.bestTreeCount,
    trainSeconds: result.trainingSeconds,
  };
}

/** The stage-1 features, categorical where the schema says so. */
function gbdtFeatures(schema: EvalSchema): FeatureSpec[] {
  const columns = stageOneColumns(schema);
  return featureSpecs(
    columns.map((column) => column.name),
    columns.filter((column) => column.kind === 'categorical').map((column) => column.name),
  );
}
