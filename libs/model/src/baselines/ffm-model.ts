import * as tf from '@tensorflow/tfjs';
import { FeatureEncoder } from '../input/feature-encoder';
import { SeededRandom } from '../maths/random';
import { ParameterStore } from '../model/parameter-store';
import type { BaselineModel } from './baseline-model';
import { resolveBaselineOptions, type BaselineOptions } from './baseline-options';
import { addTable, addZeros } from './baseline-init';
import { ffmPairwise } from './ffm-part';
import { HostNetworkModel, type BaselineNetwork } from './host-network';
import { linearLogit, weightedSlots } from './slot-tensors';

/**
 * FFM (Juan et al., 2016): the linear part plus Σ_{s<t} <v_{s,F(t)}, v_{t,F(s)}> f_s f_t
 * (see {@link ffmPairwise}). Every embedding row holds F vectors of size k, one per field, so
 * the table is F times FM's; a multi-valued field is one field.
 */
export function createFfmModel(options: BaselineOptions): BaselineModel {
  const resolved = resolveBaselineOptions(options);
  const encoder = new FeatureEncoder(resolved.fields);
  const random = new SeededRandom(resolved.seed);
  const fieldCount = resolved.fields.length;
  const k = resolved.embeddingSize;
  const store = new ParameterStore();
  addTable(store, 'fieldEmbeddings', [encoder.rowCount, fieldCount * k], random);
  addTable(store, 'linear', [encoder.rowCount, 1], null);
  addZeros(store, 'bias', [1]);
  const network: BaselineNetwork = {
    store,
    denseNames: ['bias'],
    rowInputs: (batch) => [
      { table: 'fieldEmbeddings', rows: batch.rows },
      { table: 'linear', rows: batch.rows },
    ],
    forward([embeddings, weights], [bias], { batch }) {
      const weighted = weightedSlots(embeddings, batch);
      const byField = tf.reshape(weighted, [batch.size, batch.slotCount, fieldCount, k]);
      const pairwise = ffmPairwise(byField as tf.Tensor4D, encoder.fieldOfSlot);
      return tf.add(linearLogit(weights, bias, batch), tf.expandDims(pairwise, 1));
    },
  };
  return new HostNetworkModel('ffm', resolved, network, {
    encoder,
    random,
    logger: options.logger,
  });
}
