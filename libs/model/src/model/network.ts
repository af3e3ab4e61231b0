import * as tf from '@tensorflow/tfjs';
import { dense } from '../layers/dense';
import { fmPart } from '../layers/fm-part';
import { poolFields } from '../layers/field-pooling';
import { linearPart } from '../layers/linear-part';
import { mlp, type DenseTensors } from '../layers/mlp';

/** The tensors one forward pass reads. Embedding rows are already gathered per slot. */
export interface NetworkInputs {
  /** v_i of each slot's active row, [B, S, k]. */
  embeddings: tf.Tensor3D;
  /** w_i of each slot's active row, [B, S]. */
  linearWeights: tf.Tensor2D;
  /** f_i of each slot, [B, S] (a constant). */
  values: tf.Tensor2D;
  /** w0, [1]. */
  bias: tf.Tensor1D;
  hidden: DenseTensors[];
  /** The deep part's output unit, [s, 1] and [1]. */
  output: DenseTensors;
  /** Slot-to-field pooling [S, F], or null when every field has one slot. */
  pooling: tf.Tensor2D | null;
}

/** What the two heads read. */
export interface NetworkOutputs {
  /** Head 1's logit y_linear + y_fm + y_deep, [B, 1]; ŷ1 = σ(clickLogit). */
  clickLogit: tf.Tensor2D;
  /**
   * Head 2's input [y_linear, y_fm (k values), y_deep hidden (s values), 1], [B, k + s + 2];
   * ŷ2 = σ(head2Input · leafWeightsᵀ) with the leaf bias in the last column of leafWeights.
   */
  head2Input: tf.Tensor2D;
}

/**
 * The shared body of TMRM (and of DeepFM, which only reads `clickLogit`): the paper's linear
 * part, FM second-order part and deep part over the feature embeddings.
 */
export function network(
  inputs: NetworkInputs,
  options: { training: boolean; dropoutRate: number; seed: number },
): NetworkOutputs {
  const weighted = tf.mul(inputs.embeddings, tf.expandDims(inputs.values, 2)) as tf.Tensor3D;
  const yLinear = linearPart(inputs.bias, inputs.linearWeights, inputs.values);
  const fmVector = fmPart(weighted);
  const hidden = mlp(poolFields(weighted, inputs.pooling), inputs.hidden, options);
  const yDeep = dense(hidden, inputs.output.kernel, inputs.output.bias, 'linear');
  const clickLogit = tf.addN([yLinear, tf.sum(fmVector, 1, true), yDeep]) as tf.Tensor2D;
  const ones = tf.onesLike(yLinear);
  const head2Input = tf.concat([yLinear, fmVector, hidden, ones], 1) as tf.Tensor2D;
  return { clickLogit, head2Input };
}
