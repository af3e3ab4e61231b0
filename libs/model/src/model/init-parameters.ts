import { initialTaskParameters } from '../losses/task-weighting';
import type { SeededRandom } from '../maths/random';
import type { LeafSpace } from './leaf-space';
import type { ResolvedModelConfig } from './model-config';
import { ParameterStore } from './parameter-store';

/**
 * Creates every parameter: embeddings N(0, 0.05²), linear weights 0, Glorot-uniform dense
 * kernels with zero biases, and the leaf head (see {@link initLeafRows}).
 */
export function initParameters(
  config: ResolvedModelConfig,
  shape: { rowCount: number; fieldCount: number },
  random: SeededRandom,
): ParameterStore {
  const store = new ParameterStore();
  const k = config.embeddingSize;
  const embeddings = new Float32Array(shape.rowCount * k).map(() => 0.05 * random.normal());
  store.add({ name: 'embeddings', kind: 'rows', shape: [shape.rowCount, k], values: embeddings });
  const linear = new Float32Array(shape.rowCount);
  store.add({ name: 'linear', kind: 'rows', shape: [shape.rowCount, 1], values: linear });
  store.add({ name: 'bias', kind: 'dense', shape: [1], values: new Float32Array(1) });

  let width = shape.fieldCount * k;
  config.hiddenUnits.forEach((units, i) => {
    addDense(store, `hidden${i}`, width, units, random);
    width = units;
  });
  addDense(store, 'output', width, 1, random);

  if (config.leafSpace) {
    const rowWidth = leafRowWidth(config);
    const leafCount = config.leafSpace.leafCount;
    const values = new Float32Array(leafCount * rowWidth);
    initLeafRows(values, 0, config, config.leafSpace, random);
    store.add({ name: 'leafHead', kind: 'rows', shape: [leafCount, rowWidth], values });
    const task = initialTaskParameters(config.taskWeighting, config.leafSpace, config.leafLoss);
    if (task.length > 0) store.add({ name: 'task', kind: 'dense', shape: [2], values: task });
  }
  return store;
}

/** Width of a leaf-head row: y_linear, k FM values, s hidden values, then the bias. */
export function leafRowWidth(config: ResolvedModelConfig): number {
  return 1 + config.embeddingSize + config.hiddenUnits[config.hiddenUnits.length - 1] + 1;
}

/**
 * Initialises leaf-head rows from `fromRow` on: weights N(0, 0.01²); the bias, for the full
 * BCE, at logit(1/L_t), the rate at which a leaf of a tree with L_t leaves is active if all
 * were equally likely (so training does not start by pushing p − T logits down); otherwise 0.
 */
export function initLeafRows(
  values: Float32Array,
  fromRow: number,
  config: ResolvedModelConfig,
  leafSpace: LeafSpace,
  random: SeededRandom,
): void {
  const width = leafRowWidth(config);
  for (let leaf = fromRow; leaf < values.length / width; leaf++) {
    for (let j = 0; j < width - 1; j++) values[leaf * width + j] = 0.01 * random.normal();
    const tree = leafSpace.treeOf(leaf);
    const leaves = leafSpace.offsets[tree + 1] - leafSpace.offsets[tree];
    const full = config.leafLoss.kind === 'full' && leaves > 1;
    values[leaf * width + width - 1] = full ? -Math.log(leaves - 1) : 0;
  }
}

function addDense(
  store: ParameterStore,
  name: string,
  inputs: number,
  units: number,
  random: SeededRandom,
): void {
  const limit = Math.sqrt(6 / (inputs + units));
  const kernel = new Float32Array(inputs * units).map(() => (2 * random.next() - 1) * limit);
  store.add({ name: `${name}.kernel`, kind: 'dense', shape: [inputs, units], values: kernel });
  store.add({
    name: `${name}.bias`,
    kind: 'dense',
    shape: [units],
    values: new Float32Array(units),
  });
}
