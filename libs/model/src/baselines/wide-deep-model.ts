import * as tf from '@tensorflow/tfjs';
import { ConfigError } from '@tmrm/common';
import { FeatureEncoder } from '../input/feature-encoder';
import type { ResolvedFieldSpec } from '../input/field-spec';
import type { Sample } from '../input/sample';
import { dense } from '../layers/dense';
import { poolFields } from '../layers/field-pooling';
import { mlp } from '../layers/mlp';
import { fnv1a } from '../maths/hash';
import { SeededRandom } from '../maths/random';
import { ParameterStore } from '../model/parameter-store';
import type { BaselineModel } from './baseline-model';
import { positiveInteger, resolveBaselineOptions, type BaselineOptions } from './baseline-options';
import { addDeepPart, addTable, addZeros, deepPartTensors, slotPooling } from './baseline-init';
import { HostNetworkModel, type BaselineNetwork } from './host-network';
import { linearLogit, weightedSlots } from './slot-tensors';

/**
 * Wide&Deep (Cheng et al., 2016): logit = wide + deep. The wide part is logistic regression on
 * the features plus hashed cross-product features of the `wideCrosses` field pairs (one weight
 * per hashed value pair, `crossBuckets` rows; every value pair of two multi-valued fields is a
 * cross). The deep part is TMRM's: per-field embeddings, concatenated, through the ReLU layers
 * with dropout, then one linear unit. Without crosses the wide part is plain LR, and the model
 * is DeepFM without the FM term.
 */
export function createWideDeepModel(options: BaselineOptions): BaselineModel {
  const resolved = resolveBaselineOptions(options);
  const crosses = checkCrosses(options.wideCrosses ?? [], resolved.fields);
  const crossBuckets = options.crossBuckets ?? 10_000;
  positiveInteger('crossBuckets', crossBuckets);
  const encoder = new FeatureEncoder(resolved.fields);
  const random = new SeededRandom(resolved.seed);
  const k = resolved.embeddingSize;
  const fieldCount = resolved.fields.length;
  const store = new ParameterStore();
  addTable(store, 'embeddings', [encoder.rowCount, k], random);
  addTable(store, 'linear', [encoder.rowCount, 1], null);
  if (crosses.length > 0) addTable(store, 'crossLinear', [crossBuckets, 1], null);
  addZeros(store, 'bias', [1]);
  const deepNames = addDeepPart(store, fieldCount * k, resolved.hiddenUnits, random);
  const layerCount = resolved.hiddenUnits.length;
  const crossWidth = crosses.length > 0 ? crossSlots(crosses) : 0;

  const network: BaselineNetwork = {
    store,
    denseNames: ['bias', ...deepNames],
    rowInputs(batch, samples) {
      const inputs = [
        { table: 'embeddings', rows: batch.rows },
        { table: 'linear', rows: batch.rows },
      ];
      if (crosses.length > 0) {
        inputs.push({ table: 'crossLinear', rows: crossRows(samples, crosses, crossBuckets) });
      }
      return inputs;
    },
    forward(rows, denseTensors, { batch, training, seed }) {
      const [embeddings, weights, crossWeights] = rows;
      const [bias, ...deep] = denseTensors;
      let wide = linearLogit(weights, bias, batch);
      if (crossWeights) {
        const crossSum = tf.sum(tf.reshape(crossWeights, [batch.size, crossWidth]), 1, true);
        wide = tf.add(wide, crossSum);
      }
      const pooled = poolFields(
        weightedSlots(embeddings, batch),
        slotPooling(encoder.fieldOfSlot, fieldCount),
      );
      const { hidden, output } = deepPartTensors(deep, layerCount);
      const dropoutRate = resolved.dropoutRate;
      const last = mlp(pooled, hidden, { dropoutRate, training, seed });
      return tf.add(wide, dense(last, output.kernel, output.bias, 'linear'));
    },
  };
  return new HostNetworkModel('widedeep', resolved, network, {
    encoder,
    random,
    logger: options.logger,
  });
}

function checkCrosses(
  crosses: [string, string][],
  fields: readonly ResolvedFieldSpec[],
): [ResolvedFieldSpec, ResolvedFieldSpec][] {
  if (!Array.isArray(crosses)) {
    throw new ConfigError('wideCrosses', crosses, 'must be a list of [field, field] pairs');
  }
  return crosses.map((pair, i) => {
    if (!Array.isArray(pair) || pair.length !== 2) {
      throw new ConfigError(`wideCrosses[${i}]`, pair, 'must be a pair [field, field]');
    }
    return pair.map((name) => {
      const spec = fields.find((field) => field.name === name);
      if (!spec || spec.kind === 'numeric') {
        const fix = 'cross two categorical or multi-valued fields of `fields`';
        throw new ConfigError(`wideCrosses[${i}]`, name, 'is not a categorical field', fix);
      }
      return spec;
    }) as [ResolvedFieldSpec, ResolvedFieldSpec];
  });
}

/** Cross slots per sample: the product of the two fields' value slots, for each pair. */
function crossSlots(crosses: [ResolvedFieldSpec, ResolvedFieldSpec][]): number {
  const width = (spec: ResolvedFieldSpec) => (spec.kind === 'multi' ? spec.maxValues : 1);
  return crosses.reduce((sum, [a, b]) => sum + width(a) * width(b), 0);
}

/**
 * The hashed cross-feature row of every cross slot of every sample. A missing value (or an
 * unused slot of a multi-valued field) crosses as the empty string, so every slot has a row;
 * like FeatureEncoder's hashed buckets, unrelated pairs may share a row.
 */
function crossRows(
  samples: readonly Sample[],
  crosses: [ResolvedFieldSpec, ResolvedFieldSpec][],
  buckets: number,
): Int32Array {
  const width = crossSlots(crosses);
  const rows = new Int32Array(samples.length * width);
  samples.forEach((sample, b) => {
    let at = b * width;
    crosses.forEach(([a, c], pair) => {
      const left = crossValues(sample, a);
      const right = crossValues(sample, c);
      for (const x of left) {
        for (const y of right) rows[at++] = fnv1a(`${pair}\u0001${x}\u0001${y}`) % buckets;
      }
    });
  });
  return rows;
}

function crossValues(sample: Sample, spec: ResolvedFieldSpec): string[] {
  const raw = sample.fields?.[spec.name];
  const list = raw === undefined || raw === null ? [] : Array.isArray(raw) ? raw : [raw];
  const width = spec.kind === 'multi' ? spec.maxValues : 1;
  const values = [...new Set(list.map(String))].slice(0, width);
  while (values.length < width) values.push('');
  return values;
}
