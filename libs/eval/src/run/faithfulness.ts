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
  /**
   * The columns an explanation can name, which are also the only ones a random mask may
   * hide: stage 1's features (`stageOneColumns`), i.e. every column but the user and item
   * ids. Named features outside this set are ignored.
   */
  candidateColumns: readonly string[];
  /**
   * 0/1 indicator columns of multi-valued fields (`genre=Drama`). An indicator at 0 is
   * absent: the network reads 0 and missing alike, so masking it changes nothing.
   */
  indicatorColumns: readonly string[];
  topK: number;
  maxSamples: number;
  seed: number;
  confidence?: number;
}

/**
 * RQ2 (b) on any data: is an explanation faithful to the model? For held-out positives, mask
 * (set to missing) the features the top-K explanation names and record how much the
 * predicted click probability drops; mask as many other features of the same sample, drawn
 * at random, and record that drop too. A faithful explanation names features the score
 * depends on, so its drop is larger; the paired t interval says whether the difference is
 * more than noise.
 *
 * Both arms are drawn from the same pool, so the comparison is like for like:
 * - only features an explanation could name (`candidateColumns`): masking user_id or
 *   item_id, which stage 1 never splits on, would give the random arm a lever the
 *   explanation cannot have;
 * - only features present in the sample (not missing; indicators only when 1): masking an
 *   absent feature is a no-op, so a named condition such as `genre=Drama < 0.5` on a
 *   non-Drama item counts for nothing and is not masked, and the random arm draws among the
 *   present candidates only, as many as the explanation names present ones.
 * A sample whose explanation names no present feature is skipped. The random draw may
 * include named features (it is uniform over the present candidates): the null hypothesis
 * is "the explanation picks features no better than chance", and chance can pick them too.
 */
export function faithfulness(options: FaithfulnessOptions): FaithfulnessResult | null {
  const { trained, test, topK } = options;
  const explain = trained.explain;
  if (!explain) return null;
  const random = seededRandom(options.seed);
  const candidates = new Set(options.candidateColumns);
  const indicators = new Set(options.indicatorColumns);
  const present = (row: FlatRow, column: string) => {
    const value = row[column];
    return value !== null && value !== undefined && !(indicators.has(column) && value === 0);
  };
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
    const features = [...named].filter((f) => candidates.has(f) && present(row, f));
    if (features.length === 0) continue;
    const pool = options.candidateColumns.filter((column) => present(row, column));
    const others = shuffled(pool, random).slice(0, features.length);
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
