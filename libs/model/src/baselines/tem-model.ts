import * as tf from '@tensorflow/tfjs';
import { ConfigError } from '@tmrm/common';
import { FeatureEncoder, type EncodedBatch } from '../input/feature-encoder';
import type { Sample } from '../input/sample';
import { matMul } from '../layers/dense';
import { gatherRows } from '../layers/embedding-table';
import { SeededRandom } from '../maths/random';
import type { LeafSpace } from '../model/leaf-space';
import { ParameterStore } from '../model/parameter-store';
import type { BaselineExplanation } from './baseline-model';
import {
  positiveInteger,
  requireLeafSpace,
  resolveBaselineOptions,
  type BaselineOptions,
} from './baseline-options';
import { addGlorot, addTable, addZeros } from './baseline-init';
import { HostNetworkModel, type BaselineNetwork } from './host-network';
import { checkBatchLeafIds, leafExplanation } from './leaf-batch';
import { linearLogit } from './slot-tensors';

/** The tensors of one TEM forward pass. */
interface TemTensors {
  /** p_u then q_i, [2B, k]. */
  userItem: tf.Tensor2D;
  /** v_l of each sample's T active leaves, [B·T, k]. */
  leaves: tf.Tensor2D;
  /** [pairKernel, leafKernel, attentionBias, projection, r1, r2]. */
  dense: tf.Tensor[];
}

const temDenseNames = [
  'attention.pairKernel',
  'attention.leafKernel',
  'attention.bias',
  'attention.projection',
  'r1',
  'r2',
];

/**
 * TEM, the tree-enhanced embedding model (Wang et al., WWW 2018), as read here:
 *  - the GBDT's leaves are the cross features; a sample's cross features are its T active
 *    leaves, each with an embedding v_l (k values) and the user and item with p_u and q_i;
 *  - attention of the (user, item) pair over its leaves, the paper's
 *      w'_{uil} = hᵀ ReLU(W [p_u ⊙ q_i ; v_l] + b),  w_{uil} = softmax over the T leaves,
 *    with W split into a pair block and a leaf block (the same map as W on the concatenation);
 *  - pooling e_{ui} = (1/T) Σ_l w_{uil} v_l ('average') or the element-wise max over l of
 *    w_{uil} v_l ('max'), the paper's two variants;
 *  - prediction ŷ = σ(b0 + Σ_t b_t x_t + r1ᵀ (p_u ⊙ q_i) + r2ᵀ e_{ui}), where Σ_t b_t x_t is a
 *    linear term on the raw features (user, item and side features), trained with log-loss.
 * The attention weights are the explanation: the top leaves by w_{uil}, read back as paths.
 */
export class TemModel extends HostNetworkModel {
  constructor(
    options: BaselineOptions,
    private readonly leafSpace: LeafSpace,
    private readonly describeLeaf: BaselineOptions['describeLeaf'],
  ) {
    const resolved = resolveBaselineOptions(options);
    const attentionSize = options.attentionSize ?? 16;
    positiveInteger('attentionSize', attentionSize);
    const pooling = options.pooling ?? 'average';
    if (pooling !== 'average' && pooling !== 'max') {
      throw new ConfigError('pooling', pooling, "must be 'average' or 'max'");
    }
    const encoder = new FeatureEncoder(resolved.fields);
    const random = new SeededRandom(resolved.seed);
    const k = resolved.embeddingSize;
    const store = new ParameterStore();
    addTable(store, 'embeddings', [encoder.rowCount, k], random);
    addTable(store, 'linear', [encoder.rowCount, 1], null);
    addTable(store, 'leafEmbeddings', [leafSpace.leafCount, k], random);
    addZeros(store, 'bias', [1]);
    addGlorot(store, 'attention.pairKernel', [k, attentionSize], random);
    addGlorot(store, 'attention.leafKernel', [k, attentionSize], random);
    addZeros(store, 'attention.bias', [attentionSize]);
    addGlorot(store, 'attention.projection', [attentionSize, 1], random);
    addGlorot(store, 'r1', [k, 1], random);
    addGlorot(store, 'r2', [k, 1], random);
    const slotOf = (name: string) =>
      encoder.fieldOfSlot.indexOf(resolved.fields.findIndex((field) => field.name === name));
    const userSlot = slotOf('user_id');
    const itemSlot = slotOf('item_id');
    const treeCount = leafSpace.treeCount;

    const network: BaselineNetwork = {
      store,
      denseNames: ['bias', ...temDenseNames],
      check: (batch) => checkBatchLeafIds(batch.leafIds, batch.size, leafSpace),
      rowInputs: (batch) => [
        { table: 'embeddings', rows: userItemRows(batch, userSlot, itemSlot) },
        { table: 'linear', rows: batch.rows },
        { table: 'leafEmbeddings', rows: batch.leafIds as Int32Array },
      ],
      forward([userItem, weights, leaves], [bias, ...dense], { batch }) {
        const tem = temForward({ userItem, leaves, dense }, batch.size, treeCount, pooling);
        return tf.add(linearLogit(weights, bias, batch), tem.logit);
      },
    };
    super('tem', resolved, network, { encoder, random, logger: options.logger });
  }

  /** w_{uil}: the attention of each sample over its T active leaves, [B·T] row-major. */
  attention(samples: readonly Sample[]): Float32Array {
    this.checkUsable('attention');
    const batch = this.encoder.encode(samples, { train: false });
    checkBatchLeafIds(batch.leafIds, batch.size, this.leafSpace);
    const { store } = this.network;
    const [userItemRows, , leafRows] = this.network.rowInputs(batch, samples);
    return tf.tidy(() => {
      const k = this.options.embeddingSize;
      const userItem = tf.tensor2d(gatherRows(store.get('embeddings'), userItemRows.rows), [
        userItemRows.rows.length,
        k,
      ]);
      const leaves = tf.tensor2d(gatherRows(store.get('leafEmbeddings'), leafRows.rows), [
        leafRows.rows.length,
        k,
      ]);
      const dense = temDenseNames.map((name) =>
        tf.tensor(store.get(name).values, store.get(name).shape),
      );
      const tem = temForward({ userItem, leaves, dense }, batch.size, this.leafSpace.treeCount);
      return tem.attention.dataSync() as Float32Array;
    });
  }

  /** The sample's leaves by attention weight, and their top-K distinct feature paths. */
  explain(sample: Sample, topK: number): BaselineExplanation {
    if (!this.describeLeaf) {
      throw new ConfigError('describeLeaf', undefined, 'explain needs the leaf paths');
    }
    const weights = this.attention([sample]);
    const leafIds = sample.leafIds as Int32Array;
    const leaves = Array.from(leafIds, (leafId, t) => ({ leafId, weight: weights[t] }));
    return leafExplanation(leaves, topK, this.describeLeaf);
  }
}

/** Builds a TEM model; see {@link TemModel}. */
export function createTemModel(options: BaselineOptions): TemModel {
  return new TemModel(options, requireLeafSpace(options, 'tem'), options.describeLeaf);
}

/** The embedding rows of every sample's user, then of every sample's item ([2B]). */
function userItemRows(batch: EncodedBatch, userSlot: number, itemSlot: number): Int32Array {
  const rows = new Int32Array(2 * batch.size);
  for (let b = 0; b < batch.size; b++) {
    rows[b] = batch.rows[b * batch.slotCount + userSlot];
    rows[batch.size + b] = batch.rows[b * batch.slotCount + itemSlot];
  }
  return rows;
}

/** TEM's attention, pooling and embedding logit r1ᵀ(p_u ⊙ q_i) + r2ᵀ e_ui, [B, 1]. */
function temForward(
  tensors: TemTensors,
  size: number,
  treeCount: number,
  pooling: 'average' | 'max' = 'average',
) {
  const [pairKernel, leafKernel, attentionBias, projection, r1, r2] = tensors.dense;
  const k = tensors.userItem.shape[1];
  const user = tf.slice(tensors.userItem, [0, 0], [size, k]);
  const item = tf.slice(tensors.userItem, [size, 0], [size, k]);
  const pair = tf.mul(user, item) as tf.Tensor2D;
  const pairPart = tf.add(matMul(pair, pairKernel as tf.Tensor2D), attentionBias);
  const leafPart = matMul(tensors.leaves, leafKernel as tf.Tensor2D);
  const width = leafKernel.shape[1] as number;
  const hidden = tf.relu(
    tf.add(tf.reshape(leafPart, [size, treeCount, width]), tf.expandDims(pairPart, 1)),
  );
  const flat = tf.reshape(hidden, [size * treeCount, width]) as tf.Tensor2D;
  const scores = tf.reshape(matMul(flat, projection as tf.Tensor2D), [size, treeCount]);
  const attention = tf.softmax(scores);
  const weighted = tf.mul(
    tf.reshape(tensors.leaves, [size, treeCount, k]),
    tf.expandDims(attention, 2),
  );
  const pooled = (pooling === 'max' ? tf.max(weighted, 1) : tf.mean(weighted, 1)) as tf.Tensor2D;
  const logit = tf.add(matMul(pair, r1 as tf.Tensor2D), matMul(pooled, r2 as tf.Tensor2D));
  return { logit, attention };
}
