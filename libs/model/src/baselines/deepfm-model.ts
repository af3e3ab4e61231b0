import { deserializeModel, serializeModel } from '../snapshot/model-snapshot';
import { TmrmModel } from '../model/tmrm-model';
import type { BaselineCheckpoint, BaselineModel } from './baseline-model';
import { resolveBaselineOptions, type BaselineOptions } from './baseline-options';
import { ModelInputError } from '../model-errors';

/**
 * DeepFM (Guo et al., 2017) is TMRM without head 2: TmrmModel built without a leaf space is
 * exactly the shared linear + FM + deep body with head 1, so this wraps it rather than
 * re-implementing it (same code path, same speed as the TMRM variants it is compared with).
 * Checkpoints are TmrmModel snapshots in memory.
 */
export function createDeepFmModel(options: BaselineOptions): BaselineModel {
  const resolved = resolveBaselineOptions(options);
  const create = () =>
    TmrmModel.create({
      fields: options.fields,
      embeddingSize: resolved.embeddingSize,
      hiddenUnits: resolved.hiddenUnits,
      dropoutRate: resolved.dropoutRate,
      leafSpace: null,
      optimizer: resolved.optimizer,
      clipNorm: resolved.clipNorm,
      seed: resolved.seed,
      logger: options.logger,
    });
  let model: TmrmModel | null = create();
  const live = (operation: string): TmrmModel => {
    if (!model) throw new ModelInputError(operation, 'this deepfm model was disposed');
    return model;
  };

  return {
    name: 'deepfm',
    trainBatch(samples) {
      const losses = live('trainBatch').trainBatch(samples);
      return { loss: losses.loss, clickLoss: losses.clickLoss, clipFactor: losses.clipFactor };
    },
    predict: (samples) => live('predict').predict(samples),
    checkpoint: (): BaselineCheckpoint => ({
      model: 'deepfm',
      state: serializeModel(live('checkpoint'), { includeOptimizer: true }),
    }),
    restore(checkpoint) {
      live('restore');
      if (checkpoint?.model !== 'deepfm') {
        throw new ModelInputError('checkpoint.model', 'must be a deepfm checkpoint');
      }
      model = deserializeModel(checkpoint.state as Buffer, { logger: options.logger }).model;
    },
    dispose() {
      model = null;
    },
  };
}
