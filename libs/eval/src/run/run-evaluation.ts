import * as tf from '@tensorflow/tfjs';
import { silentLogger, type Logger } from '@tmrm/common';
import { activeBackend } from '@tmrm/model';
import type { EvalSplit } from '../data/eval-split';
import { exportSplit } from '../data/export-split';
import { EvalError } from '../eval-error';
import { auc } from '../metrics/auc';
import { logLoss } from '../metrics/log-loss';
import type { ModelTrainer, TrainContext, TrainedModel } from '../models/eval-model';
import { modelTrainer, modelTrainers } from '../models/model-registry';
import { StageOneCache } from '../models/stage-one';
import { stageOneColumns } from '../models/stage-one-columns';
import {
  RESULTS_FORMAT,
  RESULTS_VERSION,
  type EvalResults,
  type ModelRun,
  type SoftwareVersions,
  type SweepResult,
  type TrainingBudget,
} from '../results/eval-results';
import { summarizeRuns, summarizeSweep } from '../results/summarize-runs';
import { exampleRecommendations } from './example-recommendations';
import { faithfulness } from './faithfulness';
import { plantedRecovery } from './planted-recovery';
import { prequentialReplay } from './prequential';
import { ProgressTracker, type ProgressListener } from './progress';
import { budgetWith, SWEEP_PARAMETERS, type SweepSpec } from './sweep-spec';

/** Options for {@link runEvaluation}. */
export interface EvaluationOptions {
  split: EvalSplit;
  /** Model names, e.g. `['tmrm-hu', 'deepfm', 'gbdt']`. */
  models: string[];
  seeds: number[];
  budget: TrainingBudget;
  sweeps?: SweepSpec[];
  /** The model the sweeps vary; default the first TMRM variant asked for, else the first model. */
  sweepModel?: string;
  /** RQ2 settings; `null` skips RQ2. */
  rq2?: { topK: number; maxSamples: number } | null;
  /** Prequential replay settings; `null` skips it. */
  online?: {
    models: string[];
    miniBatchSize: number;
    windowSize: number;
    warmupShare: number;
  } | null;
  /** Users whose top recommendations are shown with explanations. */
  exampleUsers?: number;
  /** Write the split as CSV + mapping.json here, for other tools. */
  exportDir?: string;
  /** Recorded in results.json. */
  command?: string[];
  versions?: Partial<SoftwareVersions>;
  logger?: Logger;
  onProgress?: ProgressListener;
}

/**
 * Runs the whole offline evaluation and returns every number as an
 * {@link EvalResults}: each model on each seed on one split with one budget
 * (RQ1), the sweeps (RQ3), the explanation checks (RQ2), the prequential replay
 * and example recommendations. Models of the first seed are kept for RQ2 and
 * the examples; everything else is dropped as soon as it is scored.
 */
export async function runEvaluation(options: EvaluationOptions): Promise<EvalResults> {
  const { split, seeds, budget } = options;
  const logger = (options.logger ?? silentLogger).child({ component: 'eval' });
  const trainers = modelTrainers(options.models);
  if (seeds.length === 0) throw new EvalError('--seeds: at least one seed is needed');
  const sweeps = options.sweeps ?? [];
  const sweepTrainer = sweeps.length > 0 ? pickSweepTrainer(options, trainers) : null;
  const onlineTrainers = (options.online?.models ?? []).map((name) => {
    const trainer = modelTrainer(name);
    if (!trainer?.createOnline) {
      throw new EvalError(`--online: ${name} cannot learn online; use tmrm-hu, tmrm-ow or deepfm`);
    }
    return trainer;
  });
  const sweepSteps = sweeps.reduce((n, sweep) => n + sweep.values.length * seeds.length, 0);
  const totalSteps = trainers.length * seeds.length + sweepSteps + onlineTrainers.length + 1;
  const progress = new ProgressTracker(totalSteps, options.onProgress);
  const notes: string[] = [];
  const createdAt = new Date().toISOString();

  if (options.exportDir) {
    await exportSplit(split, options.exportDir);
    split.description.exportedTo = options.exportDir;
  }

  const runs: ModelRun[] = [];
  const firstSeedModels = new Map<string, TrainedModel>();
  const caches = new Map<number, StageOneCache>();
  const cacheFor = (seed: number) => {
    if (!caches.has(seed)) caches.set(seed, new StageOneCache(split));
    return caches.get(seed) as StageOneCache;
  };
  for (const seed of seeds) {
    for (const trainer of trainers) {
      const context: TrainContext = { split, seed, budget, logger, stageOne: cacheFor(seed) };
      const { run, trained } = await progress.step(`${trainer.name} seed ${seed}`, (report) =>
        trainAndTest(trainer, { ...context, onProgress: report }),
      );
      runs.push(run);
      logger.info({ ...run }, 'model evaluated');
      if (seed === seeds[0]) firstSeedModels.set(trainer.name, trained);
    }
  }

  const sweepResults: SweepResult[] = [];
  for (const sweep of sweeps) {
    const trainer = sweepTrainer as ModelTrainer;
    const sweepRuns = [];
    for (const value of sweep.values) {
      for (const seed of seeds) {
        const swept = budgetWith(budget, sweep.parameter, value);
        const { run } = await progress.step(
          `sweep ${sweep.parameter}=${value} seed ${seed}`,
          (report) =>
            trainAndTest(trainer, {
              split,
              seed,
              budget: swept,
              logger,
              stageOne: cacheFor(seed),
              onProgress: report,
            }),
        );
        sweepRuns.push({
          value,
          seed,
          auc: run.auc,
          logloss: run.logloss,
          trainSeconds: run.trainSeconds,
        });
      }
    }
    sweepResults.push({
      parameter: sweep.parameter,
      model: trainer.name,
      metric: SWEEP_PARAMETERS[sweep.parameter].metric,
      runs: sweepRuns,
      points: summarizeSweep(sweepRuns),
    });
  }

  const rq2 = await progress.step('feature combinations (RQ2)', async () => {
    if (options.rq2 === null) return { planted: null, faithfulness: [] };
    const settings = options.rq2 ?? { topK: 3, maxSamples: 200 };
    const explaining = new Map([...firstSeedModels].filter(([, model]) => model.explain));
    const stageOne = await cacheFor(seeds[0]).get({
      trees: budget.trees,
      depth: budget.depth,
      seed: seeds[0],
      earlyStoppingRounds: 0,
    });
    const planted = plantedRecovery({
      split,
      models: explaining,
      stageOne,
      ...settings,
      seed: seeds[0],
    });
    const candidateColumns = stageOneColumns(split.schema).map((column) => column.name);
    const indicatorColumns = Object.values(split.schema.multiValued).flat();
    const faithful = [...explaining].flatMap(([model, trained]) => {
      const result = faithfulness({
        model,
        trained,
        test: split.test,
        candidateColumns,
        indicatorColumns,
        ...settings,
        seed: seeds[0],
      });
      return result ? [result] : [];
    });
    if (split.truth === null)
      notes.push('RQ2 (a) needs synthetic data with planted crosses; skipped.');
    return { planted, faithfulness: faithful };
  });

  const prequential = [];
  for (const trainer of onlineTrainers) {
    const online = options.online as NonNullable<EvaluationOptions['online']>;
    prequential.push(
      await progress.step(`prequential ${trainer.name}`, (report) =>
        prequentialReplay({
          trainer,
          split,
          context: { seed: seeds[0], budget, logger },
          miniBatchSize: online.miniBatchSize,
          windowSize: online.windowSize,
          warmupShare: online.warmupShare,
          onProgress: report,
        }),
      ),
    );
  }

  if (prequential.length > 0) {
    notes.push(
      'Prequential replay: in process, no broker, through libs/streaming (miniBatch, ' +
        `rollingMetrics); stage 1 fitted on the first ${Math.round(
          (options.online?.warmupShare ?? 0) * 100,
        )}% of the stream only, which is trained on but not scored.`,
    );
  }
  const usesNetwork = [...trainers, ...onlineTrainers].some((t) => t.createOnline);

  const examples = exampleRecommendations({
    split,
    models: firstSeedModels,
    users: options.exampleUsers ?? 3,
    topK: 3,
    seed: seeds[0],
  });

  return {
    format: RESULTS_FORMAT,
    version: RESULTS_VERSION,
    createdAt,
    configuration: {
      dataset: split.description,
      models: trainers.map((trainer) => trainer.name),
      seeds,
      budget,
      ...(options.command ? { command: options.command } : {}),
    },
    versions: {
      tmrm: options.versions?.tmrm ?? 'unknown',
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      tfjs: tf.version.tfjs,
      ...(usesNetwork ? { backend: activeBackend() } : {}),
      ...options.versions,
    },
    runs,
    summary: summarizeRuns(runs),
    sweeps: sweepResults,
    rq2,
    prequential,
    examples,
    notes,
  };
}

async function trainAndTest(
  trainer: ModelTrainer,
  context: TrainContext,
): Promise<{ run: ModelRun; trained: TrainedModel }> {
  const trained = await trainer.train(context);
  const { test } = context.split;
  const scores = trained.predict(test.rows);
  const run: ModelRun = {
    model: trainer.name,
    seed: context.seed,
    auc: auc(test.labels, scores),
    logloss: logLoss(test.labels, scores),
    trainSeconds: trained.trainSeconds,
    ...(trained.epochs !== undefined ? { epochs: trained.epochs } : {}),
    ...(trained.bestEpoch !== undefined ? { bestEpoch: trained.bestEpoch } : {}),
    ...(trained.stoppedBy !== undefined ? { stoppedBy: trained.stoppedBy } : {}),
    ...(trained.loopCpuSeconds !== undefined ? { loopCpuSeconds: trained.loopCpuSeconds } : {}),
    ...(trained.validAuc !== undefined ? { validAuc: trained.validAuc } : {}),
    ...(trained.validLogloss !== undefined ? { validLogloss: trained.validLogloss } : {}),
  };
  return { run, trained };
}

function pickSweepTrainer(options: EvaluationOptions, trainers: ModelTrainer[]): ModelTrainer {
  const name =
    options.sweepModel ??
    trainers.find((trainer) => trainer.name.startsWith('tmrm'))?.name ??
    trainers[0].name;
  const trainer = modelTrainer(name);
  if (!trainer) throw new EvalError(`--sweep-model: ${name} is not an available model`);
  for (const sweep of options.sweeps ?? []) {
    const tree = sweep.parameter === 'trees' || sweep.parameter === 'depth';
    const usesTrees = name.startsWith('tmrm') || name.startsWith('gbdt') || name === 'tem';
    const usesNetwork = name !== 'gbdt';
    if ((tree && !usesTrees) || (!tree && !usesNetwork)) {
      throw new EvalError(
        `--sweep ${sweep.parameter}: ${name} has no such hyper-parameter; ` +
          'sweep a TMRM variant (--sweep-model tmrm-hu)',
      );
    }
  }
  return trainer;
}
