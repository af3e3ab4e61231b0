import { ConfigError } from '@tmrm/common';
import { parseSweep, type SweepSpec, type TrainingBudget } from '@tmrm/eval';

/** The flags of `tmrm eval` as commander hands them over (strings where not parsed). */
export interface EvalFlags {
  dataset?: string;
  path?: string;
  train?: string;
  valid?: string;
  test?: string;
  mapping?: string;
  protocol: string;
  negatives: string;
  models?: string;
  seeds: string;
  out: string;
  sweep: string[];
  sweepModel?: string;
  online: boolean;
  miniBatch: string;
  window: string;
  epochs: string;
  batchSize: string;
  patience: string;
  maxTrainSeconds?: string;
  maxTrainCpuSeconds?: string;
  validationsPerEpoch: string;
  lr: string;
  embedding: string;
  hidden: string;
  dropout: string;
  trees: string;
  depth: string;
  users: string;
  items: string;
  events: string;
  rq2: boolean;
  examples: string;
}

/** Parsed and checked flags; every bad value fails here, before any data is read. */
export interface EvalSettings {
  protocol: 'paper' | 'time';
  negatives: number;
  models: string[] | null;
  seeds: number[];
  sweeps: SweepSpec[];
  online: { miniBatchSize: number; windowSize: number } | null;
  budget: TrainingBudget;
  synthetic: { users: number; items: number; events: number };
  examples: number;
}

/** Checks every flag and names the flag, the value, the rule and the fix when one is wrong. */
export function parseEvalFlags(flags: EvalFlags): EvalSettings {
  if (flags.protocol !== 'paper' && flags.protocol !== 'time') {
    throw new ConfigError('--protocol', flags.protocol, "must be 'paper' or 'time'");
  }
  const seedCount = integer('--seeds', flags.seeds, 1, 100);
  const hidden = flags.hidden.split(',').map((width) => integer('--hidden', width, 1, 4096));
  const dropout = Number(flags.dropout);
  if (!(dropout >= 0 && dropout < 1)) {
    throw new ConfigError('--dropout', flags.dropout, 'must be a number in [0, 1)');
  }
  const lr = Number(flags.lr);
  if (!(lr > 0 && Number.isFinite(lr))) {
    throw new ConfigError('--lr', flags.lr, 'must be a number > 0', 'e.g. --lr 0.001');
  }
  return {
    protocol: flags.protocol,
    negatives: integer('--negatives', flags.negatives, 1, 1000),
    models: flags.models
      ? flags.models
          .split(',')
          .map((name) => name.trim())
          .filter(Boolean)
      : null,
    seeds: Array.from({ length: seedCount }, (_, i) => i + 1),
    sweeps: flags.sweep.map(parseSweep),
    online: flags.online
      ? {
          miniBatchSize: integer('--mini-batch', flags.miniBatch, 1, 1_000_000),
          windowSize: integer('--window', flags.window, 10, 10_000_000),
        }
      : null,
    budget: {
      maxEpochs: integer('--epochs', flags.epochs, 1, 1000),
      batchSize: integer('--batch-size', flags.batchSize, 1, 1_000_000),
      patienceEpochs: integer('--patience', flags.patience, 1, 1000),
      ...(flags.maxTrainSeconds !== undefined
        ? { maxTrainSeconds: integer('--max-train-seconds', flags.maxTrainSeconds, 1, 604_800) }
        : {}),
      ...(flags.maxTrainCpuSeconds !== undefined
        ? {
            maxTrainCpuSeconds: integer(
              '--max-train-cpu-seconds',
              flags.maxTrainCpuSeconds,
              1,
              604_800,
            ),
          }
        : {}),
      validationsPerEpoch: integer('--validations-per-epoch', flags.validationsPerEpoch, 1, 1000),
      learningRate: lr,
      embeddingSize: integer('--embedding', flags.embedding, 1, 1024),
      hiddenUnits: hidden,
      trees: integer('--trees', flags.trees, 1, 10_000),
      depth: integer('--depth', flags.depth, 1, 30),
      dropout,
    },
    synthetic: {
      users: integer('--users', flags.users, 1, 10_000_000),
      items: integer('--items', flags.items, 1, 10_000_000),
      events: integer('--events', flags.events, 10, 100_000_000),
    },
    examples: integer('--examples', flags.examples, 0, 100),
  };
}

function integer(option: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(option, raw, `must be an integer in ${min}..${max}`);
  }
  return value;
}
