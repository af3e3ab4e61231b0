import * as tf from '@tensorflow/tfjs';
import { ReadBuffers } from '../backend/read-into';
import type { EncodedBatch } from '../input/feature-encoder';
import { gatherRows } from '../layers/embedding-table';
import { network } from './network';
import { inferenceBodyTensors, networkInputs, type ModelState } from './model-state';

/** Head 1's click probabilities and, for explanations, head 2's input rows. */
export interface ForwardScores {
  /** ŷ1 per sample, [B] (a fresh array the caller may keep). */
  clickProbabilities: Float32Array;
  /**
   * [B, d+1] rows of head 2's input, the bias column last. A buffer the model reuses: valid
   * until its next forward pass, so read or copy the rows at once.
   */
  head2Input: Float32Array;
  head2Width: number;
}

/** Per-model read-back buffers, so a scoring request allocates no large arrays. */
const readBuffersOf = new WeakMap<ModelState, ReadBuffers>();

/** One inference pass (no dropout) inside tf.tidy; nothing stays on the backend. */
export function forwardScores(state: ModelState, batch: EncodedBatch): ForwardScores {
  // Inference needs no unique-row bookkeeping (that is for the training step's row gradients).
  const embeddings = gatherRows(state.store.get('embeddings'), batch.rows);
  const linearWeights = gatherRows(state.store.get('linear'), batch.rows);
  const body = inferenceBodyTensors(state);
  let reads = readBuffersOf.get(state);
  if (!reads) {
    reads = new ReadBuffers();
    readBuffersOf.set(state, reads);
  }
  const buffers = reads;
  // Results leave the tidy through this variable, not its return value: tf.tidy would walk a
  // returned typed array element by element looking for tensors.
  let scores: ForwardScores | null = null;
  tf.tidy(() => {
    const inputs = networkInputs(
      state,
      batch,
      tf.tensor(embeddings),
      tf.tensor(linearWeights),
      body,
    );
    const outputs = network(inputs, { training: false, dropoutRate: 0, seed: 0 });
    scores = {
      clickProbabilities: tf
        .sigmoid(tf.reshape(outputs.clickLogit, [-1]))
        .dataSync() as Float32Array,
      head2Input: buffers.read('head2Input', outputs.head2Input),
      head2Width: outputs.head2Input.shape[1],
    };
  });
  return scores as unknown as ForwardScores;
}
