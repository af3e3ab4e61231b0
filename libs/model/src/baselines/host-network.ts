import * as tf from '@tensorflow/tfjs';
import { silentLogger, type Logger } from '@tmrm/common';
import { FeatureEncoder, type EncodedBatch } from '../input/feature-encoder';
import type { Sample } from '../input/sample';
import { gatherRows, sumIntoRows, uniqueRows } from '../layers/embedding-table';
import { clickLoss } from '../losses/bce-with-logits';
import { SeededRandom } from '../maths/random';
import { ModelInputError } from '../model-errors';
import type { ParameterStore } from '../model/parameter-store';
import { clipScale } from '../optim/clip-by-global-norm';
import { Optimizer, type OptimizerState } from '../optim/optimizer';
import type {
  BaselineCheckpoint,
  BaselineLosses,
  BaselineModel,
  BaselineName,
} from './baseline-model';
import type { ResolvedBaselineOptions } from './baseline-options';

/** The rows of one host table a batch reads; the forward pass gets them as [rows.length, w]. */
export interface RowInput {
  table: string;
  rows: Int32Array;
}

/** What a forward pass knows besides its tensors. */
export interface ForwardContext {
  batch: EncodedBatch;
  training: boolean;
  /** Seed of this step's dropout masks. */
  seed: number;
}

/**
 * A baseline network on host parameters, in the style of TmrmModel's: `rowInputs` names the
 * table rows a batch touches (each table at most once per batch, so each row gets one sparse
 * update), `forward` maps the gathered rows and the dense parameters to click logits. Every
 * parameter handed to `forward` must reach the logits (TensorFlow.js's gradient needs it).
 */
export interface BaselineNetwork {
  store: ParameterStore;
  /** Dense parameters, in the order `forward` receives them. */
  denseNames: readonly string[];
  rowInputs(batch: EncodedBatch, samples: readonly Sample[]): RowInput[];
  /** Click logits, [B] or [B, 1]. */
  forward(rows: tf.Tensor2D[], dense: tf.Tensor[], context: ForwardContext): tf.Tensor;
  /** Extra checks of a batch before it is used (such as its leaf ids). */
  check?(batch: EncodedBatch): void;
}

interface HostCheckpointState {
  values: Map<string, Float32Array>;
  optimizer: OptimizerState;
  encoder: ReturnType<FeatureEncoder['toState']>;
  random: number;
}

/**
 * Trains a {@link BaselineNetwork} like TmrmModel trains TMRM: host lookups, one forward and
 * backward pass inside tf.tidy, clipping, then lazy sparse updates of the touched table rows
 * and dense updates of the rest with the shared {@link Optimizer}. Nothing stays on the
 * backend between calls, so there is nothing to leak and `dispose` only drops references.
 */
export class HostNetworkModel implements BaselineModel {
  protected encoder: FeatureEncoder;
  protected optimizer: Optimizer;
  protected random: SeededRandom;
  protected readonly logger: Logger;
  private disposed = false;

  constructor(
    readonly name: BaselineName,
    protected readonly options: ResolvedBaselineOptions,
    protected readonly network: BaselineNetwork,
    parts: { encoder: FeatureEncoder; random: SeededRandom; logger?: Logger },
  ) {
    this.encoder = parts.encoder;
    this.random = parts.random;
    this.optimizer = new Optimizer(options.optimizer);
    this.logger = (parts.logger ?? silentLogger).child({ component: `baseline-${name}` });
  }

  trainBatch(samples: readonly Sample[]): BaselineLosses {
    this.checkUsable('trainBatch');
    const batch = this.encoder.encode(samples, { train: true });
    const labels = batch.labels;
    if (!labels) throw new ModelInputError('batch[].label', 'every training sample needs a label');
    this.network.check?.(batch);
    const { store, denseNames } = this.network;
    const lookups = this.network.rowInputs(batch, samples).map((input) => {
      const table = store.get(input.table);
      return { table, ...uniqueRows(input.rows), values: gatherRows(table, input.rows) };
    });
    const seed = this.random.int(2 ** 30);

    // The results leave tf.tidy through this variable, not as its return value: tidy walks what
    // it returns element by element looking for tensors, and a gradient of gathered rows is
    // large (FFM's: batch x slots x fields x k, about 1M numbers), which cost most of a step.
    const result = { loss: 0, gradients: [] as Float32Array[] };
    tf.tidy(() => {
      const args: tf.Tensor[] = [
        ...lookups.map((l) => tf.tensor2d(l.values, [l.inverse.length, l.table.shape[1]])),
        ...denseNames.map((name) => tf.tensor(store.get(name).values, store.get(name).shape)),
      ];
      const labelTensor = tf.tensor1d(labels);
      const objective = (...inputs: tf.Tensor[]): tf.Scalar => {
        const rows = inputs.slice(0, lookups.length) as tf.Tensor2D[];
        const dense = inputs.slice(lookups.length);
        const logits = this.network.forward(rows, dense, { batch, training: true, seed });
        return clickLoss(logits, labelTensor);
      };
      const { value, grads } = tf.valueAndGrads(objective)(args);
      result.loss = value.dataSync()[0];
      result.gradients = grads.map((gradient) => gradient.dataSync() as Float32Array);
    });

    const rowGradients = lookups.map((l, i) =>
      sumIntoRows(result.gradients[i], l.inverse, l.table.shape[1], l.unique.length),
    );
    const denseGradients = result.gradients.slice(lookups.length);
    const scale = clipScale([...rowGradients, ...denseGradients], this.options.clipNorm);
    if (scale > 0) {
      this.optimizer.beginStep();
      lookups.forEach((l, i) =>
        this.optimizer.updateRows(l.table, l.unique, rowGradients[i], scale),
      );
      denseNames.forEach((name, i) =>
        this.optimizer.updateDense(store.get(name), denseGradients[i], scale),
      );
    }
    this.logger.debug({ size: batch.size, loss: result.loss, clip: scale }, 'batch trained');
    return { loss: result.loss, clickLoss: result.loss, clipFactor: scale };
  }

  predict(samples: readonly Sample[]): Float32Array {
    this.checkUsable('predict');
    const batch = this.encoder.encode(samples, { train: false });
    this.network.check?.(batch);
    return this.logits(batch, samples, (logits) => tf.sigmoid(logits));
  }

  /** The click logit of each sample (σ of it is `predict`). */
  predictLogits(samples: readonly Sample[]): Float32Array {
    this.checkUsable('predictLogits');
    const batch = this.encoder.encode(samples, { train: false });
    this.network.check?.(batch);
    return this.logits(batch, samples, (logits) => logits);
  }

  checkpoint(): BaselineCheckpoint {
    this.checkUsable('checkpoint');
    const values = new Map<string, Float32Array>();
    for (const parameter of this.network.store.all()) {
      values.set(parameter.name, Float32Array.from(parameter.values));
    }
    const optimizer = copyOptimizerState(this.optimizer.toState());
    const encoder = structuredClone(this.encoder.toState());
    const state: HostCheckpointState = {
      values,
      optimizer,
      encoder,
      random: this.random.seedState,
    };
    return { model: this.name, state };
  }

  restore(checkpoint: BaselineCheckpoint): void {
    this.checkUsable('restore');
    if (checkpoint?.model !== this.name) {
      throw new ModelInputError('checkpoint.model', `must be a ${this.name} checkpoint`);
    }
    const state = checkpoint.state as HostCheckpointState;
    for (const [name, values] of state.values) {
      if (
        !this.network.store.has(name) ||
        this.network.store.get(name).values.length !== values.length
      ) {
        const problem = `parameter ${name} does not fit this model; restore on the model that took it`;
        throw new ModelInputError('checkpoint', problem);
      }
    }
    for (const [name, values] of state.values) {
      this.network.store.get(name).values = Float32Array.from(values);
    }
    this.optimizer.loadState(copyOptimizerState(state.optimizer));
    this.encoder = new FeatureEncoder(this.options.fields, structuredClone(state.encoder));
    this.random = new SeededRandom(state.random);
  }

  dispose(): void {
    this.disposed = true;
  }

  /** Runs an inference forward pass and reads `transform(logits)` back as [B]. */
  protected logits(
    batch: EncodedBatch,
    samples: readonly Sample[],
    transform: (logits: tf.Tensor) => tf.Tensor,
  ): Float32Array {
    const { store, denseNames } = this.network;
    const inputs = this.network.rowInputs(batch, samples);
    let scores: Float32Array = new Float32Array(0); // leaves tidy by assignment (trainBatch)
    tf.tidy(() => {
      const rows = inputs.map((input) => {
        const table = store.get(input.table);
        const values = gatherRows(table, input.rows);
        return tf.tensor2d(values, [input.rows.length, table.shape[1]]);
      });
      const dense = denseNames.map((name) =>
        tf.tensor(store.get(name).values, store.get(name).shape),
      );
      const logits = this.network.forward(rows, dense, { batch, training: false, seed: 0 });
      scores = transform(tf.reshape(logits, [-1])).dataSync() as Float32Array;
    });
    return scores;
  }

  protected checkUsable(operation: string): void {
    if (this.disposed) {
      throw new ModelInputError(operation, `this ${this.name} model was disposed`);
    }
  }
}

function copyOptimizerState(state: OptimizerState): OptimizerState {
  const slots: Record<string, Float32Array[]> = {};
  for (const [name, list] of Object.entries(state.slots)) {
    slots[name] = list.map((slot) => Float32Array.from(slot));
  }
  return { step: state.step, slots };
}
