import { ConfigError } from '@tmrm/common';
import { baselineNames, type BaselineModel, type BaselineName } from './baseline-model';
import type { BaselineOptions } from './baseline-options';
import { createDeepFmModel } from './deepfm-model';
import { createFfmModel } from './ffm-model';
import { createFmModel } from './fm-model';
import { createGbdtCentModel } from './gbdt-cent-model';
import { createGbdtLrModel } from './gbdt-lr-model';
import { createGbdtModel } from './gbdt-model';
import { createLrModel } from './lr-model';
import { createTemModel } from './tem-model';
import { createWideDeepModel } from './wide-deep-model';

/** What each baseline is and what it needs, for help texts and error messages. */
export const baselineRegistry: Record<
  BaselineName,
  { description: string; readsLeaves: boolean; create: (options: BaselineOptions) => BaselineModel }
> = {
  lr: {
    description: 'logistic regression on the features',
    readsLeaves: false,
    create: createLrModel,
  },
  fm: { description: 'factorization machine', readsLeaves: false, create: createFmModel },
  ffm: {
    description: 'field-aware factorization machine',
    readsLeaves: false,
    create: createFfmModel,
  },
  widedeep: {
    description: 'Wide&Deep: LR with hashed crosses + MLP on embeddings',
    readsLeaves: false,
    create: createWideDeepModel,
  },
  deepfm: {
    description: 'DeepFM: TMRM without head 2',
    readsLeaves: false,
    create: createDeepFmModel,
  },
  gbdt: {
    description: 'the stage-1 GBDT alone (needs `ensemble`)',
    readsLeaves: true,
    create: createGbdtModel,
  },
  'gbdt-lr': {
    description: 'GBDT+LR: logistic regression on the one-hot GBDT leaves',
    readsLeaves: true,
    create: createGbdtLrModel,
  },
  tem: {
    description: 'TEM: attention of (user, item) over GBDT leaf embeddings',
    readsLeaves: true,
    create: createTemModel,
  },
  'gbdt-cent': {
    description: 'GBDT-CENT: FM on categorical fields + per-value numerical trees (fitTrees)',
    readsLeaves: false,
    create: createGbdtCentModel,
  },
};

/**
 * Builds the named baseline. Every one trains on the same samples as TmrmModel with
 * `trainBatch` and scores with `predict`; those marked `readsLeaves` need `sample.leafIds`
 * and the stage-1 leaf space (`ensemble` or `leafSpace`), and GBDT-CENT has a second phase,
 * `fitTrees`, after the last epoch.
 *
 * @example
 * const model = createBaseline('ffm', { fields, embeddingSize: 4 });
 * for (const batch of batches) model.trainBatch(batch);
 * const ctr = model.predict(heldOut);
 */
export function createBaseline(name: BaselineName, options: BaselineOptions): BaselineModel {
  const entry = (baselineRegistry as Record<string, (typeof baselineRegistry)[BaselineName]>)[name];
  if (!entry || !Object.hasOwn(baselineRegistry, name)) {
    const fix = `use one of ${baselineNames.join(', ')}`;
    throw new ConfigError('name', name, 'is not a baseline', fix);
  }
  return entry.create(options);
}
