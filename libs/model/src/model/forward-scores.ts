import * as tf from '@tensorflow/tfjs';
import type { EncodedBatch } from '../input/feature-encoder';
import { network } from './network';
import { inferenceBodyTensors, lookupBatch, networkInputs, type ModelState } from './model-state';

/** Head 1's click probabilities and, for explanations, head 2's input rows. */
export interface ForwardScores {
  /** ŷ1 per sample, [B]. */
  clickProbabilities: Float32Array;
  /** [B, d+1] rows of head 2's input, the bias column last. */
  head2Input: Float32Array;
  head2Width: number;
}

/** One inference pass (no dropout) inside tf.tidy; nothing stays on the backend. */
export function forwardScores(state: ModelState, batch: EncodedBatch): ForwardScores {
  const lookup = lookupBatch(state, batch);
  const body = inferenceBodyTensors(state);
  // Results leave the tidy through this variable, not its return value: tf.tidy would walk a
  // returned typed array element by element looking for tensors.
  let scores: ForwardScores | null = null;
  tf.tidy(() => {
    const inputs = networkInputs(
      state,
      batch,
      tf.tensor(lookup.embeddings),
      tf.tensor(lookup.linearWeights),
      body,
    );
    const outputs = network(inputs, { training: false, dropoutRate: 0, seed: 0 });
    scores = {
      clickProbabilities: tf
        .sigmoid(tf.reshape(outputs.clickLogit, [-1]))
        .dataSync() as Float32Array,
      head2Input: outputs.head2Input.dataSync() as Float32Array,
      head2Width: outputs.head2Input.shape[1],
    };
  });
  return scores as unknown as ForwardScores;
}
