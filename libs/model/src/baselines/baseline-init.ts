import * as tf from '@tensorflow/tfjs';
import type { SeededRandom } from '../maths/random';
import type { ParameterStore } from '../model/parameter-store';
import type { DenseTensors } from '../layers/mlp';

/**
 * Parameter initialisation shared by the baselines, the same as TmrmModel's: embeddings
 * N(0, 0.05²), linear weights and biases 0, Glorot-uniform dense kernels.
 */
export function addTable(
  store: ParameterStore,
  name: string,
  shape: [number, number],
  random: SeededRandom | null,
  std = 0.05,
): void {
  const values = new Float32Array(shape[0] * shape[1]);
  if (random) for (let i = 0; i < values.length; i++) values[i] = std * random.normal();
  store.add({ name, kind: 'rows', shape, values });
}

export function addZeros(store: ParameterStore, name: string, shape: number[]): void {
  const size = shape.reduce((a, b) => a * b, 1);
  store.add({ name, kind: 'dense', shape, values: new Float32Array(size) });
}

/** A Glorot-uniform kernel `${name}.kernel` [inputs, units] and a zero `${name}.bias`. */
export function addDenseLayer(
  store: ParameterStore,
  name: string,
  inputs: number,
  units: number,
  random: SeededRandom,
): string[] {
  addGlorot(store, `${name}.kernel`, [inputs, units], random);
  addZeros(store, `${name}.bias`, [units]);
  return [`${name}.kernel`, `${name}.bias`];
}

/** A dense [inputs, units] kernel, Glorot-uniform. */
export function addGlorot(
  store: ParameterStore,
  name: string,
  [inputs, units]: [number, number],
  random: SeededRandom,
): void {
  const limit = Math.sqrt(6 / (inputs + units));
  const kernel = new Float32Array(inputs * units).map(() => (2 * random.next() - 1) * limit);
  store.add({ name, kind: 'dense', shape: [inputs, units], values: kernel });
}

/** The hidden layers and the output unit of a deep part; returns their dense names in order. */
export function addDeepPart(
  store: ParameterStore,
  inputWidth: number,
  hiddenUnits: readonly number[],
  random: SeededRandom,
): string[] {
  const names: string[] = [];
  let width = inputWidth;
  hiddenUnits.forEach((units, i) => {
    names.push(...addDenseLayer(store, `hidden${i}`, width, units, random));
    width = units;
  });
  names.push(...addDenseLayer(store, 'output', width, 1, random));
  return names;
}

/** Splits the dense tensors of {@link addDeepPart} back into hidden layers and output. */
export function deepPartTensors(dense: readonly tf.Tensor[], layerCount: number) {
  const hidden: DenseTensors[] = Array.from({ length: layerCount }, (_, i) => ({
    kernel: dense[2 * i] as tf.Tensor2D,
    bias: dense[2 * i + 1] as tf.Tensor1D,
  }));
  const output: DenseTensors = {
    kernel: dense[2 * layerCount] as tf.Tensor2D,
    bias: dense[2 * layerCount + 1] as tf.Tensor1D,
  };
  return { hidden, output };
}

/**
 * The [S, F] 0/1 slot-to-field matrix that pools multi-valued slots into one embedding per
 * field, or null when every field has one slot (as TmrmModel builds it). Call inside tidy.
 */
export function slotPooling(fieldOfSlot: Int32Array, fieldCount: number): tf.Tensor2D | null {
  const slotCount = fieldOfSlot.length;
  if (slotCount === fieldCount) return null;
  const matrix = new Float32Array(slotCount * fieldCount);
  fieldOfSlot.forEach((field, slot) => (matrix[slot * fieldCount + field] = 1));
  return tf.tensor2d(matrix, [slotCount, fieldCount]);
}
