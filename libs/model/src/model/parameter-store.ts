/**
 * One trainable parameter, kept in host memory. `rows` parameters (embedding tables, the leaf
 * head) are updated sparsely, only on the rows a batch touched; `dense` ones as a whole.
 */
export interface Parameter {
  name: string;
  kind: 'dense' | 'rows';
  shape: number[];
  values: Float32Array;
}

/**
 * The model's parameters by name, as Float32Arrays. They live on the host, not in backend
 * tensors: each step uploads what the batch needs (the rows it touches, the dense layers) and
 * reads back gradients. On the cpu, wasm and tfjs-node backends this costs a copy and buys
 * sparse row updates without the scatter kernels wasm lacks, bounded memory for online
 * vocabularies, cheap growth of the leaf head and plain byte snapshots. A GPU backend would
 * pay a transfer per step; tmrm does not target one.
 */
export class ParameterStore {
  private readonly parameters = new Map<string, Parameter>();

  add(parameter: Parameter): void {
    const size = parameter.shape.reduce((a, b) => a * b, 1);
    if (parameter.values.length !== size) {
      throw new RangeError(`parameter ${parameter.name}: ${parameter.values.length} != ${size}`);
    }
    this.parameters.set(parameter.name, parameter);
  }

  get(name: string): Parameter {
    const parameter = this.parameters.get(name);
    if (!parameter) throw new RangeError(`no parameter named ${name}`);
    return parameter;
  }

  has(name: string): boolean {
    return this.parameters.has(name);
  }

  /** Every parameter, in insertion order (stable, so snapshots are deterministic). */
  all(): Parameter[] {
    return [...this.parameters.values()];
  }
}
