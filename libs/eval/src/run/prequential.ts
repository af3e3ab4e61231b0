import { from, lastValueFrom, map, toArray } from 'rxjs';
import { miniBatch, rollingMetrics, type ScoredBatch } from '@tmrm/streaming';
import { EvalError } from '../eval-error';
import type { EvalSplit, EvalTable, FlatRow } from '../data/eval-split';
import { auc, hasBothClasses } from '../metrics/auc';
import { logLoss } from '../metrics/log-loss';
import type { ModelTrainer, TrainContext } from '../models/eval-model';
import { StageOneCache } from '../models/stage-one';
import type { PrequentialCurve } from '../results/eval-results';

/** Options for {@link prequentialReplay}. */
export interface PrequentialOptions {
  trainer: ModelTrainer;
  split: EvalSplit;
  context: Omit<TrainContext, 'split' | 'stageOne'>;
  miniBatchSize: number;
  /** Samples each rolling point covers. */
  windowSize: number;
  /** Share of the stream, from its start, used to warm up (stage-1 GBDT and first batches). */
  warmupShare: number;
  /** Most points on the curve; batches are grouped to stay under it. */
  maxPoints?: number;
  onProgress?: (fraction: number) => void;
}

/**
 * Prequential (test-then-train) replay, in-process, through libs/streaming's
 * own operators: the whole data set in event-time order is cut into
 * mini-batches by `miniBatch`; each batch is scored by the model before the
 * model trains on it, and `rollingMetrics` turns the scored batches into the
 * rolling AUC and logloss the online trainer reports.
 *
 * TMRM needs a stage-1 GBDT before its first batch. It is fitted on the first
 * `warmupShare` of the stream only (never on what is scored later), and the
 * model trains on those warm-up batches without scoring them.
 */
export async function prequentialReplay(options: PrequentialOptions): Promise<PrequentialCurve> {
  const { split, miniBatchSize } = options;
  const stream = inTimeOrder([split.train, split.valid, split.test]);
  const warmupEnd = Math.floor(stream.rows.length * options.warmupShare);
  const warmup = slice(stream, 0, warmupEnd);
  const replay = slice(stream, warmupEnd, stream.rows.length);
  const warmupSplit: EvalSplit = {
    ...split,
    train: slice(warmup, 0, Math.floor(warmup.rows.length * 0.9)),
    valid: slice(warmup, Math.floor(warmup.rows.length * 0.9), warmup.rows.length),
  };
  if (!options.trainer.createOnline) {
    throw new EvalError(`--online: ${options.trainer.name} cannot learn one mini-batch at a time`);
  }
  const learner = await options.trainer.createOnline({
    ...options.context,
    split: warmupSplit,
    stageOne: new StageOneCache(warmupSplit),
  });
  for (let start = 0; start < warmup.rows.length; start += miniBatchSize) {
    const end = Math.min(start + miniBatchSize, warmup.rows.length);
    learner.trainBatch(warmup.rows.slice(start, end), warmup.labels.subarray(start, end));
  }

  const batches = Math.ceil(replay.rows.length / miniBatchSize);
  const every = Math.max(1, Math.ceil(batches / (options.maxPoints ?? 200)));
  const allScores = new Float64Array(replay.rows.length);
  const batchEnds: number[] = [];
  let scored = 0;
  const metrics = await lastValueFrom(
    from(Array.from(replay.rows.keys())).pipe(
      miniBatch<number>({ maxSize: miniBatchSize, maxWaitMs: Infinity }),
      map((batch): ScoredBatch => {
        const rows = batch.map((i) => replay.rows[i]);
        const labels = Uint8Array.from(batch, (i) => replay.labels[i]);
        const scores = learner.predict(rows);
        learner.trainBatch(rows, labels);
        allScores.set(scores, scored);
        scored += batch.length;
        batchEnds.push(batch[batch.length - 1]);
        options.onProgress?.(scored / replay.rows.length);
        return { scores, labels };
      }),
      rollingMetrics({ windowSamples: options.windowSize }),
      toArray(),
    ),
  );
  learner.dispose?.();

  const points = metrics
    .map((m, b) => ({
      samples: m.totalSamples,
      eventTimeMs: replay.timesMs ? replay.timesMs[batchEnds[b]] : null,
      auc: m.auc,
      logloss: m.logLoss,
    }))
    .filter((_, b) => (b + 1) % every === 0 || b === metrics.length - 1);
  return {
    model: options.trainer.name,
    miniBatchSize,
    windowSize: options.windowSize,
    driver: 'streaming',
    points,
    overall: {
      auc: hasBothClasses(replay.labels) ? auc(replay.labels, allScores) : null,
      logloss: logLoss(replay.labels, allScores),
      samples: replay.rows.length,
    },
  };
}

function inTimeOrder(tables: EvalTable[]): EvalTable {
  const rows: FlatRow[] = tables.flatMap((table) => table.rows);
  const labels = Uint8Array.from(tables.flatMap((table) => [...table.labels]));
  const hasTimes = tables.every((table) => table.timesMs !== null);
  const times = hasTimes ? Float64Array.from(tables.flatMap((t) => [...(t.timesMs ?? [])])) : null;
  if (!times) return { rows, labels, timesMs: null };
  // A stable sort by time keeps file order among equal times.
  const order = Array.from(rows.keys()).sort((a, b) => times[a] - times[b] || a - b);
  return {
    rows: order.map((i) => rows[i]),
    labels: Uint8Array.from(order, (i) => labels[i]),
    timesMs: Float64Array.from(order, (i) => times[i]),
  };
}

function slice(table: EvalTable, from: number, to: number): EvalTable {
  return {
    rows: table.rows.slice(from, to),
    labels: table.labels.slice(from, to),
    timesMs: table.timesMs ? table.timesMs.slice(from, to) : null,
  };
}
