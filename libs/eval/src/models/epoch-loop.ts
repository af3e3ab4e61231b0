import type { Sample } from '@tmrm/model';
import { auc, hasBothClasses } from '../metrics/auc';
import { logLoss } from '../metrics/log-loss';
import type { StopReason, TrainingBudget } from '../results/eval-results';
import { seededRandom, shuffled } from '../seeded-random';

/** What the shared training loop needs from a network: steps, scores and checkpoints. */
export interface EpochLearner {
  trainBatch(samples: readonly Sample[]): void;
  predict(samples: readonly Sample[]): Float64Array;
  /** An in-memory copy of the learned state, taken at a new best validation check. */
  checkpoint(): unknown;
  /** Puts back a copy taken by `checkpoint`. */
  restore(checkpoint: unknown): void;
}

/**
 * How training went. Epochs are counted in passes over the training split and may be
 * fractional when the loop validates within an epoch or its time ran out (0.25 = a quarter).
 */
export interface EpochOutcome {
  epochs: number;
  /** When the best validation check came (the weights the learner now holds). */
  bestEpoch: number;
  validLogloss: number;
  validAuc?: number;
  stoppedBy: StopReason;
  /** CPU seconds the loop used, validation included. */
  loopCpuSeconds: number;
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

/** CPU milliseconds (user + system) this process has used: threads of the process add up. */
function processCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/**
 * The one training loop every network shares, so each gets the same budget: shuffled
 * mini-batches (seeded), at most `maxEpochs` epochs, at most `maxTrainSeconds` of wall clock
 * and at most `maxTrainCpuSeconds` of CPU time, the validation logloss `validationsPerEpoch`
 * times an epoch (and once more when a time budget runs out), early stopping after
 * `patienceEpochs` epochs without improvement, and the state of the best check restored at
 * the end. Both time budgets count validation too.
 */
export function trainWithEarlyStopping(options: {
  learner: EpochLearner;
  train: readonly Sample[];
  valid: readonly Sample[];
  validLabels: Uint8Array;
  budget: TrainingBudget;
  seed: number;
  onProgress?: (fraction: number) => void;
  /** Milliseconds on a monotonic clock; tests pass a fake one. */
  nowMs?: () => number;
  /** CPU milliseconds used by the process so far; tests pass a fake one. */
  cpuNowMs?: () => number;
}): EpochOutcome {
  const { learner, train, valid, validLabels, budget } = options;
  const nowMs = options.nowMs ?? (() => performance.now());
  const cpuNowMs = options.cpuNowMs ?? processCpuMs;
  const startedMs = nowMs();
  const startedCpuMs = cpuNowMs();
  const deadlineMs = budget.maxTrainSeconds ? startedMs + budget.maxTrainSeconds * 1000 : null;
  const cpuLimitMs = budget.maxTrainCpuSeconds ? budget.maxTrainCpuSeconds * 1000 : null;
  // Which budget, if any, has run out.
  const outOfTime = (): StopReason | null => {
    if (deadlineMs !== null && nowMs() >= deadlineMs) return 'time';
    if (cpuLimitMs !== null && cpuNowMs() - startedCpuMs >= cpuLimitMs) return 'cpu-time';
    return null;
  };
  const random = seededRandom(options.seed ^ 0x9e3779b9);
  const order = Array.from(train.keys());
  const batchesPerEpoch = Math.max(1, Math.ceil(train.length / budget.batchSize));
  const checkEveryBatches = Math.ceil(batchesPerEpoch / (budget.validationsPerEpoch ?? 1));
  const progress = (epochsDone: number) => {
    const byEpochs = epochsDone / budget.maxEpochs;
    const byTime = deadlineMs === null ? 0 : (nowMs() - startedMs) / (deadlineMs - startedMs);
    const byCpu = cpuLimitMs === null ? 0 : (cpuNowMs() - startedCpuMs) / cpuLimitMs;
    options.onProgress?.(Math.min(1, Math.max(byEpochs, byTime, byCpu)));
  };

  let best = { logloss: Infinity, auc: Number.NaN, at: 0, state: null as unknown };
  let at = 0;
  let stoppedBy: StopReason = 'epochs';
  // A check validates the weights after `at` epochs; true when training should stop.
  const check = (): boolean => {
    const scores = learner.predict(valid);
    const validLogloss = logLoss(validLabels, scores);
    if (validLogloss < best.logloss) {
      const validAuc = hasBothClasses(validLabels) ? auc(validLabels, scores) : Number.NaN;
      best = { logloss: validLogloss, auc: validAuc, at, state: learner.checkpoint() };
    } else if (at - best.at >= budget.patienceEpochs - 1e-9) {
      stoppedBy = 'patience';
      return true;
    }
    return false;
  };

  training: for (let epoch = 1; epoch <= budget.maxEpochs; epoch++) {
    const shuffledOrder = shuffled(order, random);
    for (let b = 0; b < batchesPerEpoch; b++) {
      const start = b * budget.batchSize;
      learner.trainBatch(shuffledOrder.slice(start, start + budget.batchSize).map((i) => train[i]));
      at = epoch - 1 + (b + 1) / batchesPerEpoch;
      const exhausted = outOfTime();
      const lastOfEpoch = b === batchesPerEpoch - 1;
      if (b % 50 === 49) progress(at);
      if (!lastOfEpoch && !exhausted && (b + 1) % checkEveryBatches !== 0) continue;
      if (check()) break training;
      progress(at);
      if (exhausted) {
        stoppedBy = exhausted;
        break training;
      }
    }
  }
  if (best.at !== at && best.state !== null) learner.restore(best.state);
  const round = (epochs: number) => Math.round(epochs * 1000) / 1000;
  return {
    epochs: round(at),
    bestEpoch: round(best.at),
    validLogloss: best.logloss,
    ...(Number.isFinite(best.auc) ? { validAuc: best.auc } : {}),
    stoppedBy,
    loopCpuSeconds: Math.round(cpuNowMs() - startedCpuMs) / 1000,
  };
}
