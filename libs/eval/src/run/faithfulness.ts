import type { EvalTable, FlatRow } from '../data/eval-split';
import { meanDifferenceInterval } from '../metrics/mean-difference-interval';
import type { TrainedModel } from '../models/eval-model';
import type { FaithfulnessResult } from '../results/eval-results';
import { seededRandom, shuffled } from '../seeded-random';

/** Options for {@link faithfulness}. */
export interface FaithfulnessOptions {
  model: string;
  trained: TrainedModel;
  test: EvalTable;
  /** Every feature column a mask may hide. */
  featureColumns: string[];
  topK: number;
  maxSamples: number;
  seed: number;
  confidence?: number;
}

/**
 * RQ2 (b) on any data: is an explanation faithful to the model? For held-out
 * positives, mask (set to missing) the features the top-K explanation names
 * and record how much the predicted click probability drops; mask as many
 * features of the same sample chosen at random and record that drop too. A
 * faithful explanation names features the score depends on, so its drop is
 * larger; the paired t interval says whether the difference is more than noise.
 */
export function faithfulness(options: FaithfulnessOptions): FaithfulnessResult | null {
  const { trained, test, topK } = options;
  const explain = trained.explain;
  if (!explain) return null;
  const random = seededRandom(options.seed);
  const positives = test.rows.filter((_, r) => test.labels[r] === 1);
  const rows = shuffled(positives, random).slice(0, options.maxSamples);

  const originals: FlatRow[] = [];
  const explainedMasks: FlatRow[] = [];
  const randomMasks: FlatRow[] = [];
  let masked = 0;
  for (const row of rows) {
    const named = new Set(
      explain(row, topK).flatMap((path) => path.conditions.map((condition) => condition.feature)),
    );
    const features = [...named].filter((feature) => options.featureColumns.includes(feature));
    if (features.length === 0) continue;
    const others = shuffled(options.featureColumns, random).slice(0, features.length);
    originals.push(row);
    explainedMasks.push(mask(row, features));
    randomMasks.push(mask(row, others));
    masked += features.length;
  }
  if (originals.length < 2) return null;

  const base = trained.predict(originals);
  const explainedScores = trained.predict(explainedMasks);
  const randomScores = trained.predict(randomMasks);
  const explainedDrops = Array.from(base, (score, i) => score - explainedScores[i]);
  const randomDrops = Array.from(base, (score, i) => score - randomScores[i]);
  const interval = meanDifferenceInterval({
    a: explainedDrops,
    b: randomDrops,
    paired: true,
    confidence: options.confidence ?? 0.95,
  });
  const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
  return {
    model: options.model,
    samples: originals.length,
    meanFeaturesMasked: masked / originals.length,
    explainedDrop: mean(explainedDrops),
    randomDrop: mean(randomDrops),
    difference: {
      mean: interval.meanDifference,
      lower: interval.lower,
      upper: interval.upper,
      confidence: interval.confidence,
    },
  };
}

function mask(row: FlatRow, features: string[]): FlatRow {
  const copy = { ...row };
  for (const feature of features) copy[feature] = null;
  return copy;
}
