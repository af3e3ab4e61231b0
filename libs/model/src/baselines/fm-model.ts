import * as tf from '@tensorflow/tfjs';
import { FeatureEncoder } from '../input/feature-encoder';
import { fmPart } from '../layers/fm-part';
import { SeededRandom } from '../maths/random';
import { ParameterStore } from '../model/parameter-store';
import { resolveBaselineOptions, type BaselineOptions } from './baseline-options';
import { addTable, addZeros } from './baseline-init';
import { HostNetworkModel, type BaselineNetwork } from './host-network';
import { linearLogit, weightedSlots } from './slot-tensors';

/**
 * FM (Rendle, 2010): logit = w0 + Σ_i w_i f_i + Σ_{i<j} <v_i, v_j> f_i f_j, TMRM's linear and
 * second-order parts without the deep part or head 2, using the same O(n·k) FM identity.
 */
export function createFmModel(options: BaselineOptions): HostNetworkModel {
  const resolved = resolveBaselineOptions(options);
  const encoder = new FeatureEncoder(resolved.fields);
  const random = new SeededRandom(resolved.seed);
  const store = new ParameterStore();
  addTable(store, 'embeddings', [encoder.rowCount, resolved.embeddingSize], random);
  addTable(store, 'linear', [encoder.rowCount, 1], null);
  addZeros(store, 'bias', [1]);
  const network: BaselineNetwork = {
    store,
    denseNames: ['bias'],
    rowInputs: (batch) => [
      { table: 'embeddings', rows: batch.rows },
      { table: 'linear', rows: batch.rows },
    ],
    forward([embeddings, weights], [bias], { batch }) {
      const pairwise = tf.sum(fmPart(weightedSlots(embeddings, batch)), 1, true);
      return tf.add(linearLogit(weights, bias, batch), pairwise);
    },
  };
  return new HostNetworkModel('fm', resolved, network, { encoder, random, logger: options.logger });
}
