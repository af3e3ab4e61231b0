import { compileCondition, type FlatFeatures } from '@tmrm/datasets';
import type { EvalSplit, FlatRow } from '../data/eval-split';
import type { TrainedModel } from '../models/eval-model';
import type { StageOne } from '../models/stage-one';
import { describeLeaves } from '../models/leaf-describer';
import type { ExplanationPath, PlantedRecovery } from '../results/eval-results';
import { seededRandom, shuffled } from '../seeded-random';

/** Options for {@link plantedRecovery}. */
export interface PlantedRecoveryOptions {
  split: EvalSplit;
  /** Explaining models by name (TMRM-HU, TEM...), trained on this split. */
  models: Map<string, TrainedModel>;
  /** The stage-1 GBDT the models read; Random and Hot pick among its active leaves. */
  stageOne: StageOne;
  topK: number;
  /** Most held-out positives to explain. */
  maxSamples: number;
  seed: number;
}

/**
 * RQ2 (a) without a questionnaire: on synthetic data, do the explained feature
 * combinations name the crosses that were planted in the click model?
 *
 * For each held-out positive on which at least one planted cross is active,
 * each strategy proposes top-K feature paths. A path names a planted cross when
 * it conditions on every feature of the cross. Precision is the share of
 * proposed paths that name a cross active on that sample; recall the share of
 * active crosses named by at least one path (both pooled over samples).
 *
 * Random and Hot, the paper's reference strategies, pick among the same
 * candidates TMRM ranks (the sample's active GBDT leaves): Random uniformly,
 * Hot by how often each leaf was active in training. So the comparison
 * measures the ranking, not the candidate pool.
 */
export function plantedRecovery(options: PlantedRecoveryOptions): PlantedRecovery | null {
  const { split, stageOne, topK } = options;
  const truth = split.truth;
  if (!truth) return null;
  const crosses = truth.map((cross) => ({
    features: [...new Set(cross.conditions.map((c) => c.feature))],
    tests: cross.conditions.map((condition) => compileCondition(condition)),
  }));

  const candidates: Array<{ row: FlatRow; active: number[] }> = [];
  split.test.rows.forEach((row, r) => {
    if (split.test.labels[r] !== 1) return;
    const features = row as FlatFeatures;
    const active = crosses.flatMap((cross, c) =>
      cross.tests.every((test) => test(features)) ? [c] : [],
    );
    if (active.length > 0) candidates.push({ row, active });
  });
  const random = seededRandom(options.seed);
  const chosen = shuffled(candidates, random).slice(0, options.maxSamples);
  if (chosen.length === 0) return null;

  const paths = describeLeaves(stageOne.ensemble);
  const treeCount = stageOne.ensemble.trees.length;
  const trainIds = stageOne.leafIds(split.train.rows);
  const popularity = new Float64Array(paths.length);
  for (const id of trainIds) popularity[id]++;

  const strategies = new Map<string, (row: FlatRow) => ExplanationPath[]>();
  for (const [name, model] of options.models) {
    if (model.explain) strategies.set(name, (row) => model.explain?.(row, topK) ?? []);
  }
  const activeLeaves = (row: FlatRow) => [...stageOne.leafIds([row]).subarray(0, treeCount)];
  strategies.set('random', (row) =>
    shuffled(activeLeaves(row), random)
      .slice(0, topK)
      .map((id) => paths[id]),
  );
  strategies.set('hot', (row) =>
    activeLeaves(row)
      .sort((a, b) => popularity[b] - popularity[a])
      .slice(0, topK)
      .map((id) => paths[id]),
  );

  const names = (path: ExplanationPath, cross: number) => {
    const used = new Set(path.conditions.map((c) => c.feature));
    return crosses[cross].features.every((feature) => used.has(feature));
  };
  const scores = [...strategies].map(([strategy, explain]) => {
    let proposed = 0;
    let correct = 0;
    let activeTotal = 0;
    let recalled = 0;
    for (const { row, active } of chosen) {
      const explanation = explain(row);
      proposed += explanation.length;
      correct += explanation.filter((path) => active.some((c) => names(path, c))).length;
      activeTotal += active.length;
      recalled += active.filter((c) => explanation.some((path) => names(path, c))).length;
    }
    return {
      strategy,
      precision: proposed === 0 ? 0 : correct / proposed,
      recall: activeTotal === 0 ? 0 : recalled / activeTotal,
    };
  });

  return {
    topK,
    samples: chosen.length,
    plantedCrosses: crosses.map((cross) => cross.features),
    strategies: scores,
  };
}
