import type {
  EvalResults,
  FaithfulnessResult,
  ModelRun,
  SweepResult,
} from '../results/eval-results';
import { formatMetric, formatSeconds, formatStat } from './format';

/**
 * The rows of every table, shared by the Markdown and HTML writers so both
 * show the same numbers formatted the same way. A header ending in `#` marks
 * a numeric column.
 */
export interface Table {
  header: string[];
  rows: string[][];
}

export function comparisonTable(results: EvalResults): Table {
  return {
    header: ['model', 'test AUC#', 'test logloss#', 'train seconds#', 'seeds#'],
    rows: results.summary.map((s) => [
      s.model,
      formatStat(s.auc),
      formatStat(s.logloss),
      formatStat(s.trainSeconds, formatSeconds),
      String(s.auc.n),
    ]),
  };
}

/** How the runs table marks a loop a time budget ended. */
const stopMarks: Record<NonNullable<ModelRun['stoppedBy']>, string> = {
  epochs: '',
  patience: '',
  time: ', time',
  'cpu-time': ', CPU time',
};

export function runsTable(results: EvalResults): Table {
  return {
    header: [
      'model',
      'seed#',
      'test AUC#',
      'test logloss#',
      'train seconds#',
      'loop CPU seconds#',
      'epochs (best)#',
    ],
    rows: results.runs.map((run) => [
      run.model,
      String(run.seed),
      formatMetric(run.auc),
      formatMetric(run.logloss),
      formatSeconds(run.trainSeconds),
      run.loopCpuSeconds === undefined ? '' : formatSeconds(run.loopCpuSeconds),
      run.epochs === undefined
        ? ''
        : `${run.epochs} (${run.bestEpoch ?? '?'}${stopMarks[run.stoppedBy ?? 'epochs']})`,
    ]),
  };
}

export function sweepTable(sweep: SweepResult): Table {
  return {
    header: [sweep.parameter, 'test AUC#', 'test logloss#', 'seeds#'],
    rows: sweep.points.map((point) => [
      String(point.value),
      formatStat(point.auc),
      formatStat(point.logloss),
      String(point.auc.n),
    ]),
  };
}

export function plantedTable(results: EvalResults): Table | null {
  const planted = results.rq2.planted;
  if (!planted) return null;
  return {
    header: ['strategy', 'precision#', 'recall#'],
    rows: planted.strategies.map((s) => [
      s.strategy,
      formatMetric(s.precision),
      formatMetric(s.recall),
    ]),
  };
}

export function faithfulnessTable(entries: FaithfulnessResult[]): Table {
  return {
    header: [
      'model',
      'samples#',
      'features masked#',
      'drop, explained#',
      'drop, random#',
      'difference#',
      'confidence interval#',
    ],
    rows: entries.map((f) => [
      f.model,
      String(f.samples),
      f.meanFeaturesMasked.toFixed(2),
      formatMetric(f.explainedDrop),
      formatMetric(f.randomDrop),
      formatMetric(f.difference.mean),
      `${Math.round(f.difference.confidence * 100)}%: ` +
        `[${formatMetric(f.difference.lower)}, ${formatMetric(f.difference.upper)}]`,
    ]),
  };
}

export function prequentialTable(results: EvalResults): Table {
  return {
    header: [
      'model',
      'driver',
      'mini-batch#',
      'samples#',
      'AUC, all#',
      'logloss, all#',
      'AUC, last window#',
      'logloss, last window#',
    ],
    rows: results.prequential.map((curve) => {
      const last = curve.points[curve.points.length - 1];
      return [
        curve.model,
        curve.driver,
        String(curve.miniBatchSize),
        String(curve.overall.samples),
        curve.overall.auc === null ? '' : formatMetric(curve.overall.auc),
        formatMetric(curve.overall.logloss),
        last?.auc === null || last === undefined ? '' : formatMetric(last.auc),
        last === undefined ? '' : formatMetric(last.logloss),
      ];
    }),
  };
}

/** Describes the data set and the split in one line. */
export function datasetLine(results: EvalResults): string {
  const d = results.configuration.dataset;
  const source =
    typeof d.source === 'string'
      ? d.source
      : `${d.source.train}, ${d.source.valid}, ${d.source.test}`;
  const rows = `${d.rows.train} / ${d.rows.valid} / ${d.rows.test}`;
  const rates = [d.positiveRate.train, d.positiveRate.valid, d.positiveRate.test]
    .map((rate) => `${(rate * 100).toFixed(1)}%`)
    .join(' / ');
  return `${d.name} (${source}), protocol ${d.protocol}; rows train / valid / test ${rows}; positives ${rates}`;
}

export function budgetLine(results: EvalResults): string {
  const b = results.configuration.budget;
  return (
    `at most ${b.maxEpochs} epochs` +
    (b.maxTrainSeconds ? ` and ${b.maxTrainSeconds} s of training per network` : '') +
    (b.maxTrainCpuSeconds
      ? ` and ${b.maxTrainCpuSeconds} CPU seconds of training loop per network`
      : '') +
    `, batch ${b.batchSize}, early stopping after ` +
    `${b.patienceEpochs} epochs without validation improvement` +
    ((b.validationsPerEpoch ?? 1) > 1
      ? ` (validated ${b.validationsPerEpoch} times an epoch)`
      : '') +
    ', learning rate ' +
    `${b.learningRate}, embedding ${b.embeddingSize}, hidden layers ` +
    `${b.hiddenUnits.join('-')}, dropout ${b.dropout}, ` +
    `GBDT ${b.trees} trees of depth ${b.depth}`
  );
}

export function versionsLine(results: EvalResults): string {
  const v = results.versions;
  return [
    `tmrm ${v.tmrm}`,
    `node ${v.node}`,
    v.tfjs ? `tfjs ${v.tfjs}` : '',
    v.backend ? `backend ${v.backend}` : '',
    v.platform,
  ]
    .filter(Boolean)
    .join(', ');
}
