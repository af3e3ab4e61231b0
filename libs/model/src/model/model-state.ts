import * as tf from '@tensorflow/tfjs';
import { gatherRows, uniqueRows } from '../layers/embedding-table';
import type { EncodedBatch, FeatureEncoder } from '../input/feature-encoder';
import type { SeededRandom } from '../maths/random';
import type { Optimizer } from '../optim/optimizer';
import type { ResolvedModelConfig } from './model-config';
import type { NetworkInputs } from './network';
import type { ParameterStore } from './parameter-store';

/** Everything a model holds; the training step and the scorer work on it. */
export interface ModelState {
  config: ResolvedModelConfig;
  encoder: FeatureEncoder;
  store: ParameterStore;
  optimizer: Optimizer;
  random: SeededRandom;
  /** Training activations per leaf (the frequency proposal and popularity baselines). */
  leafCounts: Float64Array | null;
  /** Bumped whenever parameters change, so cached backend copies know they are stale. */
  parameterVersion: number;
  /** Backend copies of the body's dense parameters for inference, or null. */
  inferenceCache: { version: number; tensors: tf.Tensor[] } | null;
}

/**
 * The body tensors for inference, uploaded once per parameter version and kept (outside any
 * tidy) until the parameters change or the model is disposed, so a scoring request does not
 * upload the dense layers again.
 */
export function inferenceBodyTensors(state: ModelState): tf.Tensor[] {
  const cache = state.inferenceCache;
  if (cache && cache.version === state.parameterVersion) return cache.tensors;
  if (cache) tf.dispose(cache.tensors);
  const tensors = tf.tidy(() => bodyTensors(state).map((tensor) => tf.keep(tensor)));
  state.inferenceCache = { version: state.parameterVersion, tensors };
  return tensors;
}

/** Names of the dense parameters of the shared body, in the order the network reads them. */
export function bodyParameterNames(config: ResolvedModelConfig): string[] {
  const names = ['bias'];
  config.hiddenUnits.forEach((_, i) => names.push(`hidden${i}.kernel`, `hidden${i}.bias`));
  names.push('output.kernel', 'output.bias');
  return names;
}

/** The embedding rows a batch touches, looked up per slot on the host. */
export interface BatchLookup {
  unique: Int32Array;
  inverse: Int32Array;
  embeddings: Float32Array;
  linearWeights: Float32Array;
}

export function lookupBatch(state: ModelState, batch: EncodedBatch): BatchLookup {
  const { unique, inverse } = uniqueRows(batch.rows);
  return {
    unique,
    inverse,
    embeddings: gatherRows(state.store.get('embeddings'), batch.rows),
    linearWeights: gatherRows(state.store.get('linear'), batch.rows),
  };
}

/** The tensors of the body's dense parameters, in {@link bodyParameterNames} order. */
export function bodyTensors(state: ModelState): tf.Tensor[] {
  return bodyParameterNames(state.config).map((name) => {
    const parameter = state.store.get(name);
    return tf.tensor(parameter.values, parameter.shape);
  });
}

/** Assembles {@link NetworkInputs} from the looked-up rows and the body tensors. */
export function networkInputs(
  state: ModelState,
  batch: EncodedBatch,
  embeddings: tf.Tensor,
  linearWeights: tf.Tensor,
  body: tf.Tensor[],
): NetworkInputs {
  const k = state.config.embeddingSize;
  const { size, slotCount } = batch;
  const layers = state.config.hiddenUnits.length;
  const fieldCount = state.config.fields.length;
  const fieldOfSlot = state.encoder.fieldOfSlot;
  let pooling: tf.Tensor2D | null = null;
  if (fieldCount !== slotCount) {
    const matrix = new Float32Array(slotCount * fieldCount);
    fieldOfSlot.forEach((field, slot) => (matrix[slot * fieldCount + field] = 1));
    pooling = tf.tensor2d(matrix, [slotCount, fieldCount]);
  }
  return {
    embeddings: tf.reshape(embeddings, [size, slotCount, k]),
    linearWeights: tf.reshape(linearWeights, [size, slotCount]),
    values: tf.tensor2d(batch.values, [size, slotCount]),
    bias: body[0] as tf.Tensor1D,
    hidden: Array.from({ length: layers }, (_, i) => ({
      kernel: body[1 + 2 * i] as tf.Tensor2D,
      bias: body[2 + 2 * i] as tf.Tensor1D,
    })),
    output: {
      kernel: body[1 + 2 * layers] as tf.Tensor2D,
      bias: body[2 + 2 * layers] as tf.Tensor1D,
    },
    pooling,
  };
}
