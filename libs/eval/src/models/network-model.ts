import {
  deserializeModel,
  selectBackend,
  serializeModel,
  TmrmModel,
  type Sample,
  type TaskWeighting,
} from '@tmrm/model';
import type { FlatRow } from '../data/eval-split';
import type { ModelTrainer, OnlineLearner, TrainContext, TrainedModel } from './eval-model';
import { describeLeaves } from './leaf-describer';
import { predictInChunks, trainWithEarlyStopping } from './epoch-loop';
import { networkFields } from './network-fields';
import type { StageOne } from './stage-one';

/** Which network: TMRM with a task weighting, or DeepFM (no head 2). */
export interface NetworkVariant {
  name: string;
  description: string;
  /** null: DeepFM, no leaf head and no stage 1. */
  taskWeighting: TaskWeighting | null;
}

/**
 * The stage-2 networks of libs/model under one training loop: shuffled
 * mini-batches, up to `maxEpochs`, validation logloss after every epoch, and
 * the weights of the best epoch restored when `patienceEpochs` epochs bring no
 * improvement (early stopping). TMRM variants first fit (or reuse) the shared
 * stage-1 GBDT; its time counts towards theirs.
 */
export function networkTrainer(variant: NetworkVariant): ModelTrainer {
  return {
    name: variant.name,
    description: variant.description,
    train: (context) => trainNetwork(variant, context),
    createOnline: (context) => createOnline(variant, context),
  };
}

async function buildModel(variant: NetworkVariant, context: TrainContext) {
  await selectBackend({ logger: context.logger });
  const { split, budget, seed } = context;
  const fields = networkFields(split.schema, variant.name);
  let stageOne: StageOne | null = null;
  if (variant.taskWeighting) {
    stageOne = await context.stageOne.get({
      trees: budget.trees,
      depth: budget.depth,
      seed,
      earlyStoppingRounds: 0,
    });
  }
  const paths = stageOne ? describeLeaves(stageOne.ensemble) : null;
  const describeLeaf = paths ? (leafId: number) => paths[leafId] : undefined;
  const model = TmrmModel.create({
    fields: fields.fields,
    embeddingSize: budget.embeddingSize,
    hiddenUnits: budget.hiddenUnits,
    dropoutRate: budget.dropout,
    leafSpace: stageOne
      ? {
          treeLeafCounts: stageOne.ensemble.trees.map((tree) => tree.leafValue.length),
          version: `eval-seed-${seed}`,
        }
      : null,
    ...(variant.taskWeighting ? { taskWeighting: variant.taskWeighting } : {}),
    optimizer: { kind: 'adam', learningRate: budget.learningRate },
    seed,
    logger: context.logger,
    describeLeaf,
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
  return { model, toSamples, stageOne, describeLeaf };
}

function predictAll(model: TmrmModel, samples: readonly Sample[]): Float64Array {
  return predictInChunks((chunk) => model.predict(chunk), samples);
}

async function trainNetwork(variant: NetworkVariant, context: TrainContext): Promise<TrainedModel> {
  const { split, budget, seed } = context;
  const built = await buildModel(variant, context);
  let model = built.model;
  const train = built.toSamples(split.train.rows, split.train.labels);
  const valid = built.toSamples(split.valid.rows);
  // Timed from here: data preparation is excluded, stage 1 is added below.
  const started = performance.now();
  const outcome = trainWithEarlyStopping({
    learner: {
      trainBatch: (samples) => void model.trainBatch(samples),
      predict: (samples) => predictAll(model, samples),
      checkpoint: () => serializeModel(model),
      restore: (bytes) => {
        model = deserializeModel(bytes as Buffer, { describeLeaf: built.describeLeaf }).model;
      },
    },
    train,
    valid,
    validLabels: split.valid.labels,
    budget,
    seed,
    onProgress: context.onProgress,
  });
  const stageOneSeconds = built.stageOne?.trainSeconds ?? 0;
  const trainSeconds = (performance.now() - started) / 1000 + stageOneSeconds;
  const final = model;

  return {
    trainSeconds,
    ...outcome,
    predict: (rows) => predictAll(final, built.toSamples(rows)),
    ...(built.stageOne
      ? {
          explain: (row: FlatRow, topK: number) =>
            final.explain(built.toSamples([row])[0], topK).paths,
        }
      : {}),
  };
}

async function createOnline(
  variant: NetworkVariant,
  context: TrainContext,
): Promise<OnlineLearner> {
  const built = await buildModel(variant, context);
  return {
    predict: (rows) => predictAll(built.model, built.toSamples(rows)),
    trainBatch: (rows, labels) => {
      built.model.trainBatch(built.toSamples(rows, labels));
    },
  };
}
