export { EvalError } from './eval-error';
export { auc, hasBothClasses } from './metrics/auc';
export { logLoss } from './metrics/log-loss';
export type { LogLossOptions } from './metrics/log-loss';
export { summaryStat } from './metrics/summary-stat';
export type { SummaryStat } from './metrics/summary-stat';
export { studentTQuantile, studentTCdf } from './metrics/student-t';
export { meanDifferenceInterval } from './metrics/mean-difference-interval';
export type {
  MeanDifferenceInterval,
  MeanDifferenceOptions,
} from './metrics/mean-difference-interval';
export { seededRandom, gaussian, shuffled } from './seeded-random';
export { RESULTS_FORMAT, RESULTS_VERSION } from './results/eval-results';
export type {
  EvalResults,
  EvalConfiguration,
  DatasetDescription,
  TrainingBudget,
  SoftwareVersions,
  ModelRun,
  ModelSummary,
  SweepResult,
  SweepRun,
  SweepPoint,
  Rq2Results,
  PlantedRecovery,
  PlantedStrategyScore,
  FaithfulnessResult,
  PrequentialCurve,
  PrequentialPoint,
  ExampleRecommendation,
  ExampleItem,
  ExplanationPath,
} from './results/eval-results';
export { summarizeRuns, summarizeSweep } from './results/summarize-runs';
export { parseEvalResults } from './results/parse-eval-results';
export { readEvalResults } from './results/read-eval-results';
export { renderMarkdownReport } from './report/markdown-report';
export { renderHtmlReport } from './report/html-report';
export { writeReport } from './report/write-report';
export type { ReportFiles } from './report/write-report';
export { formatMetric, formatSeconds, formatStat } from './report/format';
export type {
  EvalSplit,
  EvalSchema,
  EvalTable,
  ColumnSpec,
  FlatRow,
  FlatValue,
  PlantedTruth,
} from './data/eval-split';
export { loadCsvSplit } from './data/load-csv-split';
export type { LoadCsvSplitOptions } from './data/load-csv-split';
export { syntheticSplit } from './data/synthetic-split';
export type { SyntheticSplitOptions } from './data/synthetic-split';
export { exportSplit } from './data/export-split';
export { prepareSplit } from './data/prepare-split';
export type { SplitSource } from './data/prepare-split';
export type { ModelTrainer, TrainedModel, TrainContext, OnlineLearner } from './models/eval-model';
export { ALL_MODEL_NAMES, availableModels, modelTrainers } from './models/model-registry';
export { runEvaluation } from './run/run-evaluation';
export type { EvaluationOptions } from './run/run-evaluation';
export type { EvalProgress, ProgressListener } from './run/progress';
export { parseSweep, SWEEP_PARAMETERS } from './run/sweep-spec';
export type { SweepSpec, SweepParameter } from './run/sweep-spec';
export { plantedRecovery } from './run/planted-recovery';
export { faithfulness } from './run/faithfulness';
export { prequentialReplay } from './run/prequential';
