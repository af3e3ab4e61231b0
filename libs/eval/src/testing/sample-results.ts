import { auc } from '../metrics/auc';
import { logLoss } from '../metrics/log-loss';
import { meanDifferenceInterval } from '../metrics/mean-difference-interval';
import {
  RESULTS_FORMAT,
  RESULTS_VERSION,
  type EvalResults,
  type ModelRun,
  type PrequentialCurve,
  type SweepRun,
} from '../results/eval-results';
import { summarizeRuns, summarizeSweep } from '../results/summarize-runs';
import { gaussian, seededRandom } from '../seeded-random';

/**
 * A small but genuine results object for tests: every metric is computed by
 * the real metric functions from seeded labels and scores, where a model's
 * `skill` sets how well its scores separate the classes.
 */
export function sampleResults(overrides: Partial<EvalResults> = {}): EvalResults {
  const random = seededRandom(11);
  const models: Array<[string, number]> = [
    ['tmrm-hu', 1.6],
    ['deepfm', 1.3],
    ['lr', 0.8],
  ];
  const seeds = [1, 2, 3];
  const runs: ModelRun[] = models.flatMap(([model, skill]) =>
    seeds.map((seed) => ({
      model,
      seed,
      ...scored(random, skill, 400),
      trainSeconds: 2 + skill * 3 + random(),
      epochs: 4,
      bestEpoch: 3,
    })),
  );
  const sweepRuns = (values: number[], skillOf: (v: number) => number): SweepRun[] =>
    values.flatMap((value) =>
      seeds.map((seed) => ({
        value,
        seed,
        ...scored(random, skillOf(value), 300),
        trainSeconds: 1,
      })),
    );
  const treesRuns = sweepRuns([50, 100, 200], (v) => 1 + v / 200);
  const dropoutRuns = sweepRuns([0, 0.2, 0.5], (v) => 1.5 - v);
  const drops = Array.from({ length: 40 }, () => 0.05 + random() * 0.1);
  const randomDrops = drops.map((d) => d - 0.03 + random() * 0.02);
  const interval = meanDifferenceInterval({ a: drops, b: randomDrops, paired: true });

  return {
    format: RESULTS_FORMAT,
    version: RESULTS_VERSION,
    createdAt: '2026-12-03T15:00:00.000Z',
    configuration: {
      dataset: {
        name: 'synthetic',
        source: '/tmp/synthetic',
        protocol: 'labelled',
        rows: { train: 800, valid: 100, test: 100 },
        positiveRate: { train: 0.2, valid: 0.21, test: 0.19 },
      },
      models: models.map(([model]) => model),
      seeds,
      budget: {
        maxEpochs: 5,
        batchSize: 256,
        patienceEpochs: 2,
        learningRate: 0.001,
        embeddingSize: 16,
        hiddenUnits: [64, 32],
        trees: 50,
        depth: 4,
        dropout: 0.2,
      },
      command: ['tmrm', 'eval', '--dataset', 'synthetic'],
    },
    versions: { tmrm: '0.1.0', node: process.version, platform: 'linux-x64' },
    runs,
    summary: summarizeRuns(runs),
    sweeps: [
      {
        parameter: 'trees',
        model: 'tmrm-hu',
        metric: 'auc',
        runs: treesRuns,
        points: summarizeSweep(treesRuns),
      },
      {
        parameter: 'dropout',
        model: 'tmrm-hu',
        metric: 'logloss',
        runs: dropoutRuns,
        points: summarizeSweep(dropoutRuns),
      },
    ],
    rq2: {
      planted: {
        topK: 3,
        samples: 200,
        plantedCrosses: [
          ['age', 'category'],
          ['device', 'hour', 'price_band'],
        ],
        strategies: [
          { strategy: 'tmrm-hu', precision: 0.62, recall: 0.71 },
          { strategy: 'random', precision: 0.08, recall: 0.1 },
          { strategy: 'hot', precision: 0.21, recall: 0.3 },
        ],
      },
      faithfulness: [
        {
          model: 'tmrm-hu',
          samples: drops.length,
          meanFeaturesMasked: 2.5,
          explainedDrop: mean(drops),
          randomDrop: mean(randomDrops),
          difference: {
            mean: interval.meanDifference,
            lower: interval.lower,
            upper: interval.upper,
            confidence: interval.confidence,
          },
        },
      ],
    },
    prequential: [
      prequentialCurve(random, 'tmrm-hu', 1.5),
      prequentialCurve(random, 'deepfm', 1.2),
    ],
    examples: [
      {
        model: 'tmrm-hu',
        userId: 'u7',
        items: [
          {
            itemId: 'i3',
            score: 0.81,
            label: 1,
            explanation: [
              {
                conditions: [
                  { feature: 'age', op: 'in', value: '[25, 34]' },
                  { feature: 'category', op: '=', value: 'books' },
                ],
                text: 'age in [25, 34] AND category = books',
                weight: 0.9,
              },
            ],
          },
          { itemId: 'i9', score: 0.44, label: 0, explanation: [] },
        ],
      },
    ],
    notes: ['libs/streaming is not present: the prequential replay used a plain loop.'],
    ...overrides,
  };
}

function scored(random: () => number, skill: number, n: number): { auc: number; logloss: number } {
  const labels = Array.from({ length: n }, (_, i) => (i % 5 === 0 ? 1 : 0));
  const scores = labels.map((label) => sigmoid(skill * (label - 0.5) * 2 + gaussian(random) - 1.4));
  return { auc: auc(labels, scores), logloss: logLoss(labels, scores) };
}

function prequentialCurve(random: () => number, model: string, skill: number): PrequentialCurve {
  const points = Array.from({ length: 12 }, (_, i) => {
    const { auc: a, logloss } = scored(random, skill * (0.5 + i / 12), 200);
    return { samples: (i + 1) * 200, eventTimeMs: 1_700_000_000_000 + i * 60_000, auc: a, logloss };
  });
  return {
    model,
    miniBatchSize: 100,
    windowSize: 200,
    driver: 'loop',
    points,
    overall: { ...scored(random, skill, 2400), samples: 2400 },
  };
}

function mean(values: number[]): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}
