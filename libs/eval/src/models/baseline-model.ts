import {
  createBaseline,
  selectBackend,
  type BaselineCheckpoint,
  type BaselineName,
  type Sample,
} from '@tmrm/model';
import type { FlatRow } from '../data/eval-split';
import type { ModelTrainer, TrainContext, TrainedModel } from './eval-model';
import { predictInChunks, trainWithEarlyStopping } from './epoch-loop';
import { describeLeaves } from './leaf-describer';
import { networkFields } from './network-fields';

/** What the evaluation needs to know about a libs/model baseline. */
export interface BaselineVariant {
  name: BaselineName;
  description: string;
  /** Reads the stage-1 leaves (GBDT+LR, TEM): the shared fixed-size GBDT is fitted first. */
  readsLeaves: boolean;
}

/**
 * A baseline of libs/model (LR, FM, FFM, Wide&Deep, GBDT+LR, TEM, GBDT-CENT)
 * under the same loop, budget and early stopping as TMRM. Leaf-reading
 * baselines use the very stage-1 GBDT TMRM uses for that seed (exactly
 * `trees` trees), and its time counts towards theirs. GBDT-CENT's second
 * phase, fitting its per-value trees, runs once after the best epoch is back.
 * Wide&Deep's wide part crosses user and item ids (its memorisation part).
 */
export function baselineTrainer(variant: BaselineVariant): ModelTrainer {
  return {
    name: variant.name,
    description: variant.description,
    train: (context) => trainBaseline(variant, context),
  };
}

async function trainBaseline(
  variant: BaselineVariant,
  context: TrainContext,
): Promise<TrainedModel> {
  await selectBackend({ logger: context.logger });
  const { split, budget, seed } = context;
  const fields = networkFields(split.schema, variant.name);
  const stageOne = variant.readsLeaves
    ? await context.stageOne.get({
        trees: budget.trees,
        depth: budget.depth,
        seed,
        earlyStoppingRounds: 0,
      })
    : null;
  const paths = stageOne ? describeLeaves(stageOne.ensemble) : null;
  const model = createBaseline(variant.name, {
    fields: fields.fields,
    embeddingSize: budget.embeddingSize,
    hiddenUnits: budget.hiddenUnits,
    dropoutRate: budget.dropout,
    optimizer: { kind: 'adam', learningRate: budget.learningRate },
    seed,
    logger: context.logger,
    ...(stageOne && paths
      ? {
          ensemble: stageOne.ensemble,
          leafSpace: {
            treeLeafCounts: stageOne.ensemble.trees.map((tree) => tree.leafValue.length),
            version: `eval-seed-${seed}`,
          },
          describeLeaf: (leafId: number) => paths[leafId],
        }
      : {}),
    ...(variant.name === 'widedeep' ? { wideCrosses: [['user_id', 'item_id']] } : {}),
  });
  const treeCount = stageOne?.ensemble.trees.length ?? 0;
  const toSamples = (rows: readonly FlatRow[], labels?: Uint8Array): Sample[] => {
    const leafIds = stageOne ? stageOne.leafIds(rows) : null;
    return rows.map((row, r) =>
      fields.toSample(
        row,
        leafIds ? leafIds.subarray(r * treeCount, (r + 1) * treeCount) : undefined,
        labels ? labels[r] : undefined,
      ),
    );
  };
  const train = toSamples(split.train.rows, split.train.labels);
  const valid = toSamples(split.valid.rows);

  const started = performance.now();
  const outcome = trainWithEarlyStopping({
    learner: {
      trainBatch: (samples) => void model.trainBatch(samples),
      predict: (samples) => predictInChunks((chunk) => model.predict(chunk), samples),
      checkpoint: () => model.checkpoint(),
      restore: (checkpoint) => model.restore(checkpoint as BaselineCheckpoint),
    },
    train,
    valid,
    validLabels: split.valid.labels,
    budget,
    seed,
    onProgress: context.onProgress,
  });
  if (model.fitTrees) await model.fitTrees(train);
  const trainSeconds = (performance.now() - started) / 1000 + (stageOne?.trainSeconds ?? 0);

  const explain = model.explain?.bind(model);
  return {
    trainSeconds,
    ...outcome,
    predict: (rows) => predictInChunks((chunk) => model.predict(chunk), toSamples(rows)),
    ...(explain
      ? { explain: (row: FlatRow, topK: number) => explain(toSamples([row])[0], topK).paths }
      : {}),
  };
}
