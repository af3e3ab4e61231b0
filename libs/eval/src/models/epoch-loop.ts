import type { Sample } from '@tmrm/model';
import { auc, hasBothClasses } from '../metrics/auc';
import { logLoss } from '../metrics/log-loss';
import type { TrainingBudget } from '../results/eval-results';
import { seededRandom, shuffled } from '../seeded-random';

/** What the shared training loop needs from a network: steps, scores and checkpoints. */
export interface EpochLearner {
  trainBatch(samples: readonly Sample[]): void;
  predict(samples: readonly Sample[]): Float64Array;
  /** An in-memory copy of the learned state, taken at a new best epoch. */
  checkpoint(): unknown;
  /** Puts back a copy taken by `checkpoint`. */
  restore(checkpoint: unknown): void;
}

/** How training went: epochs run and the best epoch, whose weights the learner now holds. */
export interface EpochOutcome {
  epochs: number;
  bestEpoch: number;
  validLogloss: number;
  validAuc?: number;
}

const predictChunkRows = 4096;

/** Scores samples in chunks, so a large validation or test split never forms one huge batch. */
export function predictInChunks(
  predict: (samples: readonly Sample[]) => ArrayLike<number>,
  samples: readonly Sample[],
): Float64Array {
  const out = new Float64Array(samples.length);
  for (let start = 0; start < samples.length; start += predictChunkRows) {
    out.set(predict(samples.slice(start, start + predictChunkRows)), start);
  }
  return out;
}

/**
 * The one training loop every network shares, so each gets the same budget:
 * shuffled mini-batches (seeded), at most `maxEpochs` epochs, the validation
 * logloss after each, and early stopping after `patienceEpochs` epochs without
 * improvement, ending with the best epoch's state restored.
 */
export function trainWithEarlyStopping(options: {
  learner: EpochLearner;
  train: readonly Sample[];
  valid: readonly Sample[];
  validLabels: Uint8Array;
  budget: TrainingBudget;
  seed: number;
  onProgress?: (fraction: number) => void;
}): EpochOutcome {
  const { learner, train, valid, validLabels, budget } = options;
  const random = seededRandom(options.seed ^ 0x9e3779b9);
  const order = Array.from(train.keys());
  let best: { logloss: number; auc: number; epoch: number; state: unknown } = {
    logloss: Infinity,
    auc: Number.NaN,
    epoch: 0,
    state: null,
  };
  let epochs = 0;
  for (let epoch = 1; epoch <= budget.maxEpochs; epoch++) {
    epochs = epoch;
    const shuffledOrder = shuffled(order, random);
    for (let start = 0; start < shuffledOrder.length; start += budget.batchSize) {
      learner.trainBatch(shuffledOrder.slice(start, start + budget.batchSize).map((i) => train[i]));
      if ((start / budget.batchSize) % 50 === 49) {
        options.onProgress?.((epoch - 1 + start / shuffledOrder.length) / budget.maxEpochs);
      }
    }
    const scores = learner.predict(valid);
    const validLogloss = logLoss(validLabels, scores);
    options.onProgress?.(epoch / budget.maxEpochs);
    if (validLogloss < best.logloss) {
      const validAuc = hasBothClasses(validLabels) ? auc(validLabels, scores) : Number.NaN;
      best = { logloss: validLogloss, auc: validAuc, epoch, state: learner.checkpoint() };
    } else if (epoch - best.epoch >= budget.patienceEpochs) {
      break;
    }
  }
  if (best.epoch !== epochs && best.state !== null) learner.restore(best.state);
  return {
    epochs,
    bestEpoch: best.epoch,
    validLogloss: best.logloss,
    ...(Number.isFinite(best.auc) ? { validAuc: best.auc } : {}),
  };
}
