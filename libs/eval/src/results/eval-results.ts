import type { SummaryStat } from '../metrics/summary-stat';

/** The `format` tag of a results file; a reader refuses any other. */
export const RESULTS_FORMAT = 'tmrm-eval-results';
/** Bumped whenever a field changes meaning or a required field is added. */
export const RESULTS_VERSION = 1;

/**
 * Everything one `tmrm eval` produced, written as `results.json`. Every number
 * the reports show is in here, next to the configuration, seeds and software
 * versions that produced it, so a report can be regenerated and checked.
 */
export interface EvalResults {
  format: typeof RESULTS_FORMAT;
  version: typeof RESULTS_VERSION;
  /** ISO-8601 time the run started. */
  createdAt: string;
  configuration: EvalConfiguration;
  versions: SoftwareVersions;
  /** One entry per model and seed: the paper's RQ1 (figure 3) raw numbers. */
  runs: ModelRun[];
  /** Runs aggregated per model over seeds, in the order the models were asked for. */
  summary: ModelSummary[];
  /** RQ3: hyper-parameter sweeps (figures 4 and 5). */
  sweeps: SweepResult[];
  /** RQ2: are the selected feature combinations right. */
  rq2: Rq2Results;
  /** `--online`: scores of each mini-batch before training on it. */
  prequential: PrequentialCurve[];
  /** A few recommendations with their explanations, to look at. */
  examples: ExampleRecommendation[];
  /** Plain-language notes: substitutions made, things skipped and why. */
  notes: string[];
}

/** What was evaluated and how. */
export interface EvalConfiguration {
  dataset: DatasetDescription;
  /** Model names as asked for, e.g. `tmrm-hu`, `deepfm`. */
  models: string[];
  seeds: number[];
  /** The same budget is given to every model. */
  budget: TrainingBudget;
  /** The command line that produced this file, when run from the CLI. */
  command?: string[];
}

export interface DatasetDescription {
  /** Reader name (`ml-100k`, `synthetic`, `csv`) or `files` for pre-split CSVs. */
  name: string;
  /** Where the data came from: a folder, or the three split files. */
  source: string | { train: string; valid: string; test: string };
  /** `paper` (5 sampled negatives per positive), `time`, or `labelled` (used as is). */
  protocol: string;
  rows: { train: number; valid: number; test: number };
  /** Share of positives per split. */
  positiveRate: { train: number; valid: number; test: number };
  /** The folder the split was exported to (CSV + mapping.json), for other tools. */
  exportedTo?: string;
}

export interface TrainingBudget {
  maxEpochs: number;
  batchSize: number;
  /** Epochs without validation improvement before stopping. */
  patienceEpochs: number;
  /**
   * Wall-clock seconds each network's training loop may take (stage 1 and data preparation
   * excluded); at the first mini-batch past it the loop validates once more and stops with
   * the best weights. Absent: no limit.
   */
  maxTrainSeconds?: number;
  /**
   * CPU seconds (user + system of this process, `process.cpuUsage`) each network's training
   * loop may use, checked like `maxTrainSeconds`. The networks train in process on one
   * thread, so CPU time is the work done whatever the machine's load, and every network gets
   * the same amount of it; a wall-clock budget buys less work the busier the machine is.
   * Garbage-collector threads count too. Absent: no limit.
   */
  maxTrainCpuSeconds?: number;
  /** Validation checks per epoch, evenly spaced (the last at the epoch's end); default 1. */
  validationsPerEpoch?: number;
  learningRate: number;
  embeddingSize: number;
  /** Widths of the deep part's hidden layers. */
  hiddenUnits: number[];
  trees: number;
  depth: number;
  dropout: number;
}

/** Why a network's training loop ended. */
export type StopReason = 'epochs' | 'patience' | 'time' | 'cpu-time';

export interface SoftwareVersions {
  tmrm: string;
  node: string;
  tfjs?: string;
  backend?: string;
  platform: string;
}

/** One model trained with one seed and scored on the test split. */
export interface ModelRun {
  model: string;
  seed: number;
  auc: number;
  logloss: number;
  /** Wall-clock training time, data loading excluded. */
  trainSeconds: number;
  /**
   * Epochs run, and when the best validation loss came (the weights kept); fractional when
   * the loop validated within an epoch or ran out of time. For GBDT: trees grown, and kept.
   */
  epochs?: number;
  bestEpoch?: number;
  /** What ended training: the epoch limit, early stopping, or the wall or CPU time budget. */
  stoppedBy?: StopReason;
  /** CPU seconds of the network's training loop: what `maxTrainCpuSeconds` limits. */
  loopCpuSeconds?: number;
  validAuc?: number;
  validLogloss?: number;
}

export interface ModelSummary {
  model: string;
  auc: SummaryStat;
  logloss: SummaryStat;
  trainSeconds: SummaryStat;
}

/** One hyper-parameter varied with all others held at the budget's values. */
export interface SweepResult {
  /** `trees`, `depth`, `dropout`, `embedding`. */
  parameter: string;
  model: string;
  /** The metric the paper plots for it: AUC for trees/depth, logloss for dropout/embedding. */
  metric: 'auc' | 'logloss';
  runs: SweepRun[];
  /** Per value, over seeds, in increasing order of value. */
  points: SweepPoint[];
}

export interface SweepRun {
  value: number;
  seed: number;
  auc: number;
  logloss: number;
  trainSeconds: number;
}

export interface SweepPoint {
  value: number;
  auc: SummaryStat;
  logloss: SummaryStat;
}

export interface Rq2Results {
  /** (a) On synthetic data: explained conditions against the planted crosses. */
  planted: PlantedRecovery | null;
  /** (b) On any data: masking explained features vs as many random ones. */
  faithfulness: FaithfulnessResult[];
}

export interface PlantedRecovery {
  /** How many top explanations per sample were compared. */
  topK: number;
  /** Held-out positive samples explained. */
  samples: number;
  /** The planted crosses, as feature sets, e.g. `["age", "category"]`. */
  plantedCrosses: string[][];
  strategies: PlantedStrategyScore[];
}

export interface PlantedStrategyScore {
  /** `tmrm-hu`, `tem`, `random`, `hot`. */
  strategy: string;
  /** Share of explained feature crosses that are planted ones (micro-averaged). */
  precision: number;
  /** Share of planted crosses active in a sample that the explanation names. */
  recall: number;
}

export interface FaithfulnessResult {
  model: string;
  samples: number;
  /** Mean features named by an explanation (= masked in each arm). */
  meanFeaturesMasked: number;
  /** Mean score drop when the explained features are masked. */
  explainedDrop: number;
  /** Mean score drop when as many random features of the same sample are masked. */
  randomDrop: number;
  /** Paired interval for explainedDrop - randomDrop. */
  difference: { mean: number; lower: number; upper: number; confidence: number };
}

/** Prequential (test-then-train) replay of one model. */
export interface PrequentialCurve {
  model: string;
  miniBatchSize: number;
  /** Rolling window, in samples, over which each point's metrics are computed. */
  windowSize: number;
  /** Whether libs/streaming's operators or a plain in-process loop drove the replay. */
  driver: 'streaming' | 'loop';
  points: PrequentialPoint[];
  /** Over the whole replay, every sample scored before it was trained on. */
  /** AUC is null when the replay held one class only. */
  overall: { auc: number | null; logloss: number; samples: number };
}

export interface PrequentialPoint {
  /** Samples scored so far. */
  samples: number;
  /** Event time of the last sample in the window, epoch ms, when known. */
  eventTimeMs: number | null;
  auc: number | null;
  logloss: number;
}

/** Top-k items for one user with the feature paths behind each. */
export interface ExampleRecommendation {
  model: string;
  userId: string;
  items: ExampleItem[];
}

export interface ExampleItem {
  itemId: string;
  score: number;
  /** 1 when the user really interacted with the item in the test split. */
  label: number | null;
  explanation: ExplanationPath[];
}

/** Structurally the contract's FeaturePath. */
export interface ExplanationPath {
  conditions: Array<{ feature: string; op: string; value: string }>;
  text: string;
  weight: number;
}
