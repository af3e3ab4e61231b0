import * as tf from '@tensorflow/tfjs';
import { ReadBuffers } from '../backend/read-into';
import { sumIntoRows } from '../layers/embedding-table';
import { fullLeafHeadLoss, LeafSignScratch } from '../layers/full-leaf-head-loss';
import { gatherRows } from '../layers/embedding-table';
import type { EncodedBatch } from '../input/feature-encoder';
import { clickLoss } from '../losses/bce-with-logits';
import { perTreeSoftmaxLoss } from '../losses/per-tree-softmax-loss';
import { sampledLeafLoss } from '../losses/sampled-leaf-loss';
import { combineTaskLosses, effectiveTaskWeights } from '../losses/task-weighting';
import { clipScale } from '../optim/clip-by-global-norm';
import { ModelInputError } from '../model-errors';
import { activeLeafMatrix, sampledLeafTargets } from './leaf-targets';
import { leafHeadInput } from './leaf-head-gradient';
import { network } from './network';
import { markPhase, startPhases } from './step-profiler';
import {
  bodyParameterNames,
  bodyTensors,
  lookupBatch,
  networkInputs,
  type ModelState,
} from './model-state';

/** What one training step reports. */
export interface BatchLosses {
  /** The combined, weighted objective that was minimised. */
  loss: number;
  /** L1, mean click binary cross-entropy. */
  clickLoss: number;
  /** L2, the leaf loss per sample, or null without head 2. */
  leafLoss: number | null;
  /** Effective task weights [click, leaf] after the step, or null without head 2. */
  taskWeights: [number, number] | null;
  /** Global gradient norm factor applied (1 = not clipped, 0 = step skipped, non-finite). */
  clipFactor: number;
}

/** Host buffers a model's steps reuse, so a step allocates no large arrays (see readInto). */
interface StepScratch {
  reads: ReadBuffers;
  signs: LeafSignScratch;
}
const scratchOf = new WeakMap<ModelState, StepScratch>();

/**
 * One optimisation step on an encoded mini-batch: host lookups, one forward and backward pass
 * on the backend inside tf.tidy, then gradient clipping and sparse/dense optimiser updates on
 * the host. No tensor outlives the call.
 */
export function trainStep(state: ModelState, batch: EncodedBatch): BatchLosses {
  const { config, store } = state;
  const labels = batch.labels;
  if (!labels) throw new ModelInputError('batch[].label', 'every training sample needs a label');
  const leafSpace = config.leafSpace;
  if (leafSpace) {
    if (!batch.leafIds) {
      throw new ModelInputError('batch[].leafIds', 'every sample needs leaf ids to train head 2');
    }
    leafSpace.check(batch.leafIds, batch.size);
  }
  startPhases();
  const lookup = lookupBatch(state, batch);
  markPhase('lookup');
  const leafLoss = config.leafLoss;
  const sampled =
    leafSpace && leafLoss.kind === 'sampled'
      ? sampledLeafTargets({
          leafIds: batch.leafIds as Int32Array,
          batchSize: batch.size,
          leafSpace,
          negatives: leafLoss.negatives,
          proposal: leafLoss.proposal,
          leafCounts: state.leafCounts as Float64Array,
          random: state.random,
        })
      : null;
  const dropoutSeed = state.random.int(2 ** 30);
  markPhase('leafTargets');
  const bodyNames = bodyParameterNames(config);
  const hasTask = store.has('task');
  let scratch = scratchOf.get(state);
  if (!scratch) {
    scratch = { reads: new ReadBuffers(), signs: new LeafSignScratch() };
    scratchOf.set(state, scratch);
  }
  const { reads, signs } = scratch;

  // tf.tidy walks whatever its function returns looking for tensors, element by element for
  // arrays, so the host results are written to this variable and the function returns nothing
  // (returning the 1M-element leaf-head gradient cost over a second per step).
  let result: { loss: number; parts: number[]; gradients: Float32Array[] } | null = null;
  tf.tidy(() => {
    const args: tf.Tensor[] = [
      tf.tensor(lookup.embeddings),
      tf.tensor(lookup.linearWeights),
      ...bodyTensors(state),
    ];
    const leafAt = args.length;
    if (leafSpace) {
      const head = store.get('leafHead');
      const rows = sampled ? gatherRows(head, sampled.candidates) : head.values;
      args.push(tf.tensor2d(rows, [rows.length / head.shape[1], head.shape[1]]));
      if (hasTask) args.push(tf.tensor1d(store.get('task').values));
    }
    const labelTensor = tf.tensor1d(labels);
    markPhase('upload');
    let parts: tf.Scalar[] = [];
    const objective = (...inputs: tf.Tensor[]): tf.Scalar => {
      const body = inputs.slice(2, leafAt);
      const net = networkInputs(state, batch, inputs[0], inputs[1], body);
      const outputs = network(net, {
        training: true,
        dropoutRate: config.dropoutRate,
        seed: dropoutSeed,
      });
      markPhase('forwardBody');
      const l1 = clickLoss(outputs.clickLogit, labelTensor);
      markPhase('clickLoss');
      if (!leafSpace) {
        parts = [tf.keep(l1.clone())];
        return l1;
      }
      const leafWeights = inputs[leafAt] as tf.Tensor2D;
      const head2Input = leafHeadInput(outputs.head2Input, config.leafHeadGradient);
      const l2 = leafObjective(state, batch, head2Input, leafWeights, sampled, signs);
      markPhase('forwardHead2');
      // Kept past the gradient's own tidy so they can be read below; disposed there.
      parts = [tf.keep(l1.clone()), tf.keep(l2.clone())];
      const task = hasTask ? (inputs[leafAt + 1] as tf.Tensor1D) : null;
      return combineTaskLosses(config.taskWeighting, [l1, l2], task);
    };
    try {
      const { value, grads } = tf.valueAndGrads(objective)(args);
      markPhase('backward');
      result = {
        loss: value.dataSync()[0],
        parts: parts.map((part) => part.dataSync()[0]),
        gradients: grads.map((gradient, i) => reads.read(`gradient${i}`, gradient)),
      };
    } finally {
      parts.forEach((part) => part.dispose());
    }
  });

  markPhase('readback');
  if (!result) throw new Error('trainStep: the backward pass produced no result');
  const done = result as { loss: number; parts: number[]; gradients: Float32Array[] };
  const [embeddingGrad, linearGrad, ...rest] = done.gradients;
  const k = config.embeddingSize;
  const uniqueCount = lookup.unique.length;
  const rowGradients = [
    sumIntoRows(embeddingGrad, lookup.inverse, k, uniqueCount),
    sumIntoRows(linearGrad, lookup.inverse, 1, uniqueCount),
  ];
  markPhase('sumIntoRows');
  const scale = clipScale([...rowGradients, ...rest], config.clipNorm);
  markPhase('clip');
  if (scale > 0) {
    state.parameterVersion++;
    const optimizer = state.optimizer;
    optimizer.beginStep();
    optimizer.updateRows(store.get('embeddings'), lookup.unique, rowGradients[0], scale);
    optimizer.updateRows(store.get('linear'), lookup.unique, rowGradients[1], scale);
    bodyNames.forEach((name, i) => optimizer.updateDense(store.get(name), rest[i], scale));
    if (leafSpace) {
      const head = store.get('leafHead');
      const headGrad = rest[bodyNames.length];
      if (sampled) optimizer.updateRows(head, sampled.candidates, headGrad, scale);
      else optimizer.updateDense(head, headGrad, scale);
      if (hasTask) optimizer.updateDense(store.get('task'), rest[bodyNames.length + 1], scale);
    }
  }
  markPhase('optimizer');
  if (leafSpace && state.leafCounts) {
    for (const leaf of batch.leafIds as Int32Array) state.leafCounts[leaf]++;
  }
  const taskValues = hasTask ? store.get('task').values : new Float32Array(2);
  return {
    loss: done.loss,
    clickLoss: done.parts[0],
    leafLoss: leafSpace ? done.parts[1] : null,
    taskWeights: leafSpace ? effectiveTaskWeights(config.taskWeighting, taskValues) : null,
    clipFactor: scale,
  };
}

function leafObjective(
  state: ModelState,
  batch: EncodedBatch,
  head2Input: tf.Tensor2D,
  leafWeights: tf.Tensor2D,
  sampled: ReturnType<typeof sampledLeafTargets> | null,
  signs: LeafSignScratch,
): tf.Scalar {
  const leafSpace = state.config.leafSpace;
  if (!leafSpace) throw new Error('leafObjective needs a leaf space');
  if (sampled) {
    const shape: [number, number] = [batch.size, sampled.candidates.length];
    const labels = tf.tensor2d(sampled.labels, shape);
    const mask = tf.tensor2d(sampled.mask, shape);
    const correction = tf.tensor1d(sampled.logCorrection);
    return sampledLeafLoss(head2Input, leafWeights, labels, mask, correction);
  }
  const p = leafSpace.leafCount;
  if (state.config.leafLoss.kind === 'full') {
    return fullLeafHeadLoss(head2Input, leafWeights, batch.leafIds as Int32Array, signs);
  }
  const matrix = activeLeafMatrix(batch.leafIds as Int32Array, batch.size, p);
  const active = tf.tensor2d(matrix, [batch.size, p]);
  return perTreeSoftmaxLoss(head2Input, leafWeights, active, leafSpace.layout);
}
