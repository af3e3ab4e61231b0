import { seededRandom, silentLogger } from '@tmrm/common';
import { fitBinMapper, type BinMapper } from './bin-mapper';
import { addGrownTree } from './binned-routing';
import { binMatrix } from './binned-matrix';
import type { Ensemble } from './ensemble';
import { GbdtInputError } from './errors';
import { singleThreadHistograms, type HistogramBuilder } from './histogram';
import { baseMargin, computeGradients, objectiveMetric } from './objective';
import { threadedHistograms } from './threaded-histograms';
import { resolveTrainOptions, type TrainOptions } from './train-options';
import { checkMatrix, type LabelledMatrix } from './training-data';
import type { Tree } from './tree';
import { growTree, type GrowContext } from './tree-grower';

export interface TrainResult {
  ensemble: Ensemble;
  /**
   * Loss after each tree: logloss or RMSE, on validation rows (if given) and on
   * training rows (with `recordTrainingLoss`).
   */
  history: { train: number[]; validation: number[] };
  /** Trees kept (all of them without early stopping). */
  bestTreeCount: number;
  /** Wall time of boosting itself, binning included, seconds. */
  trainingSeconds: number;
}

/**
 * Trains a histogram GBDT. Deterministic for a given seed and thread count (with
 * threads > 1 histogram sums are added in another order, so the last bits of a
 * gain can differ from the single-threaded run).
 */
export async function trainGbdt(
  data: LabelledMatrix,
  options: TrainOptions = {},
): Promise<TrainResult> {
  const started = performance.now();
  const resolved = resolveTrainOptions(options);
  checkMatrix(data, 'training data');
  checkLabels(data, resolved.objective, 'training data');
  if (resolved.validation) {
    checkMatrix(resolved.validation, 'validation data');
    checkLabels(resolved.validation, resolved.objective, 'validation data');
  }
  const mapper =
    resolved.binMapper ?? fitBinMapper(data, { maxBins: resolved.maxBins, seed: resolved.seed });
  const base = baseMargin(resolved.objective, data.labels);
  const ensemble: Ensemble = {
    objective: resolved.objective,
    baseMargin: base,
    features: data.features,
    cuts: mapper.bins.map((bins) => bins.cuts),
    trees: [],
    float32Inputs: false,
    source: 'tmrm',
  };
  const result = await boost(ensemble, data, mapper, {
    ...options,
    trainMargins: new Float64Array(data.rowCount).fill(base),
    validationMargins: resolved.validation
      ? new Float64Array(resolved.validation.rowCount).fill(base)
      : undefined,
  });
  return { ...result, trainingSeconds: (performance.now() - started) / 1000 };
}

/** Options of `boost`: the train options plus the margins boosting starts from. */
export interface BoostOptions extends TrainOptions {
  trainMargins: Float64Array;
  validationMargins?: Float64Array;
}

/**
 * Appends trees to `ensemble` (in place), each fitted to the gradients of the
 * current margins. Shared by fresh training and by the `continue` refresh.
 */
export async function boost(
  ensemble: Ensemble,
  data: LabelledMatrix,
  mapper: BinMapper,
  options: BoostOptions,
): Promise<TrainResult> {
  const started = performance.now();
  const resolved = resolveTrainOptions(options);
  const logger = (resolved.logger ?? silentLogger).child({ component: 'gbdt-train' });
  const shared = resolved.threads > 1;
  const matrix = binMatrix(mapper, data, { shared });
  const validation = resolved.validation;
  const validationMatrix = validation ? binMatrix(mapper, validation) : null;
  const rowCount = data.rowCount;
  const gradHess = new Float64Array(allocate(rowCount * 2 * 8, shared));
  const rows = new Uint32Array(allocate(rowCount * 4, shared));
  const scratch = new Uint32Array(rowCount);
  const categorical = Uint8Array.from(mapper.features, (f) => (f.kind === 'categorical' ? 1 : 0));
  const margins = options.trainMargins;
  const validationMargins = options.validationMargins ?? null;
  const random = seededRandom(resolved.seed);
  const histograms: HistogramBuilder = shared
    ? await threadedHistograms(matrix, gradHess, rows, resolved.threads)
    : singleThreadHistograms(matrix, gradHess);

  const history = { train: [] as number[], validation: [] as number[] };
  const firstTree = ensemble.trees.length;
  let bestLoss = Infinity;
  let bestTreeCount = 0;
  try {
    for (let round = 0; round < resolved.trees; round++) {
      computeGradients(resolved.objective, data.labels, margins, gradHess);
      const rowCountUsed = sampleRows(rows, rowCount, resolved.rowSubsample, random);
      const context: GrowContext = {
        mapper,
        matrix,
        categorical,
        gradHess,
        rows,
        rowCount: rowCountUsed,
        candidates: sampleColumns(mapper.features.length, resolved.columnSubsample, random),
        histograms,
        scratch,
      };
      const grown = growTree(context, {
        rules: resolved,
        maxDepth: resolved.maxDepth,
        maxLeaves: resolved.maxLeaves,
        learningRate: resolved.learningRate,
      });
      if (rowCountUsed === rowCount)
        addFromLeafRanges(grown.tree, grown.leafRowStart, grown.leafRowEnd, rows, margins);
      else addGrownTree(grown, matrix, margins);
      ensemble.trees.push(grown.tree);
      if (resolved.recordTrainingLoss) {
        history.train.push(objectiveMetric(resolved.objective, data.labels, margins));
      }

      if (validation && validationMatrix && validationMargins) {
        addGrownTree(grown, validationMatrix, validationMargins);
        const loss = objectiveMetric(resolved.objective, validation.labels, validationMargins);
        history.validation.push(loss);
        if (loss < bestLoss) {
          bestLoss = loss;
          bestTreeCount = round + 1;
        } else if (
          resolved.earlyStoppingRounds > 0 &&
          round + 1 - bestTreeCount >= resolved.earlyStoppingRounds
        ) {
          logger.info({ round, bestTreeCount }, 'early stopping');
          break;
        }
      } else {
        bestTreeCount = round + 1;
      }
      logger.debug({ round, leaves: grown.tree.leafValue.length }, 'tree grown');
    }
  } finally {
    await histograms.close();
  }
  if (resolved.earlyStoppingRounds > 0) ensemble.trees.length = firstTree + bestTreeCount;
  else bestTreeCount = ensemble.trees.length - firstTree;
  return {
    ensemble,
    history,
    bestTreeCount,
    trainingSeconds: (performance.now() - started) / 1000,
  };
}

function addFromLeafRanges(
  tree: Tree,
  start: Int32Array,
  end: Int32Array,
  rows: Uint32Array,
  margins: Float64Array,
): void {
  for (let leaf = 0; leaf < tree.leafValue.length; leaf++) {
    const value = tree.leafValue[leaf];
    for (let i = start[leaf]; i < end[leaf]; i++) margins[rows[i]] += value;
  }
}

/** Bernoulli row sampling into `rows`; returns how many were taken (all when rate is 1). */
function sampleRows(
  rows: Uint32Array,
  rowCount: number,
  rate: number,
  random: () => number,
): number {
  let taken = 0;
  for (let row = 0; row < rowCount; row++) if (rate >= 1 || random() < rate) rows[taken++] = row;
  return taken;
}

function sampleColumns(featureCount: number, rate: number, random: () => number): Int32Array {
  const all = Int32Array.from({ length: featureCount }, (_, f) => f);
  if (rate >= 1) return all;
  for (let i = featureCount - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [all[i], all[j]] = [all[j], all[i]];
  }
  return all.slice(0, Math.max(1, Math.round(rate * featureCount))).sort();
}

function allocate(bytes: number, shared: boolean): ArrayBufferLike {
  return shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
}

function checkLabels(data: LabelledMatrix, objective: string, where: string): void {
  for (let i = 0; i < data.rowCount; i++) {
    const label = data.labels[i];
    const ok = objective === 'logloss' ? label === 0 || label === 1 : Number.isFinite(label);
    if (!ok) {
      throw new GbdtInputError(
        `${where}: label ${label} at row ${i} is not valid for ${objective}; ` +
          (objective === 'logloss' ? 'labels must be 0 or 1' : 'labels must be finite numbers'),
      );
    }
  }
}
