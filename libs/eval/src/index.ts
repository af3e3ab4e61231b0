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
