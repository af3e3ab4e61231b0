import { FeatureEncoder } from '../input/feature-encoder';
import { SeededRandom } from '../maths/random';
import { ParameterStore } from '../model/parameter-store';
import type { BaselineModel } from './baseline-model';
import { resolveBaselineOptions, type BaselineOptions } from './baseline-options';
import { addTable, addZeros } from './baseline-init';
import { HostNetworkModel, type BaselineNetwork } from './host-network';
import { linearLogit } from './slot-tensors';

/**
 * LR: logistic regression on the one-hot (and scaled numeric) features,
 * logit = w0 + Σ_i w_i f_i, which is TMRM's linear part on its own.
 */
export function createLrModel(options: BaselineOptions): BaselineModel {
  const resolved = resolveBaselineOptions(options);
  const encoder = new FeatureEncoder(resolved.fields);
  const store = new ParameterStore();
  addTable(store, 'linear', [encoder.rowCount, 1], null);
  addZeros(store, 'bias', [1]);
  const network: BaselineNetwork = {
    store,
    denseNames: ['bias'],
    rowInputs: (batch) => [{ table: 'linear', rows: batch.rows }],
    forward: ([weights], [bias], { batch }) => linearLogit(weights, bias, batch),
  };
  const random = new SeededRandom(resolved.seed);
  return new HostNetworkModel('lr', resolved, network, { encoder, random, logger: options.logger });
}
