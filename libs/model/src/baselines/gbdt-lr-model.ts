import * as tf from '@tensorflow/tfjs';
import { FeatureEncoder } from '../input/feature-encoder';
import { SeededRandom } from '../maths/random';
import { ParameterStore } from '../model/parameter-store';
import type { BaselineModel } from './baseline-model';
import { requireLeafSpace, resolveBaselineOptions, type BaselineOptions } from './baseline-options';
import { addTable, addZeros } from './baseline-init';
import { HostNetworkModel, type BaselineNetwork } from './host-network';
import { checkBatchLeafIds } from './leaf-batch';

/**
 * GBDT+LR, the recipe of He et al. (Facebook ads, 2014): the GBDT is a feature transform,
 * each sample becomes the one-hot vector of its T active leaves (p columns, T ones), and a
 * logistic regression on that vector predicts the click: logit = w0 + Σ_t w_{leaf_t}. The
 * leaf weights start at 0 and learn online with the shared optimiser (the paper's per-coordinate
 * learning rates are what Adagrad gives). Only the leaves are inputs, as in the recipe.
 */
export function createGbdtLrModel(options: BaselineOptions): BaselineModel {
  const resolved = resolveBaselineOptions(options);
  const leafSpace = requireLeafSpace(options, 'gbdt-lr');
  const encoder = new FeatureEncoder(resolved.fields);
  const store = new ParameterStore();
  addTable(store, 'leafWeights', [leafSpace.leafCount, 1], null);
  addZeros(store, 'bias', [1]);
  const network: BaselineNetwork = {
    store,
    denseNames: ['bias'],
    check: (batch) => checkBatchLeafIds(batch.leafIds, batch.size, leafSpace),
    rowInputs: (batch) => [{ table: 'leafWeights', rows: batch.leafIds as Int32Array }],
    forward([leafWeights], [bias], { batch }) {
      const perTree = tf.reshape(leafWeights, [batch.size, leafSpace.treeCount]);
      return tf.add(tf.sum(perTree, 1), bias);
    },
  };
  const random = new SeededRandom(resolved.seed);
  return new HostNetworkModel('gbdt-lr', resolved, network, {
    encoder,
    random,
    logger: options.logger,
  });
}
