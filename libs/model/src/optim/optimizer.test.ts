import test from 'ava';
import type { Parameter } from '../model/parameter-store';
import { clipScale } from './clip-by-global-norm';
import { Optimizer } from './optimizer';

const parameter = (values: number[], shape: number[]): Parameter => ({
  name: 'p',
  kind: shape.length === 2 ? 'rows' : 'dense',
  shape,
  values: Float32Array.from(values),
});

test('global-norm clipping scales to the limit, passes small gradients, skips non-finite', (t) => {
  t.is(clipScale([Float32Array.from([3]), Float32Array.from([4])], 10), 1);
  t.is(clipScale([Float32Array.from([3]), Float32Array.from([4])], 1), 0.2);
  t.is(clipScale([Float32Array.from([NaN])], 1), 0);
});

test('Adam: the first step moves each coordinate by the learning rate against the gradient', (t) => {
  const optimizer = new Optimizer({ kind: 'adam', learningRate: 0.1 });
  const p = parameter([1, 1], [2]);
  optimizer.beginStep();
  optimizer.updateDense(p, Float32Array.from([2, -0.5]), 1);
  t.true(Math.abs(p.values[0] - 0.9) < 1e-5);
  t.true(Math.abs(p.values[1] - 1.1) < 1e-5);
});

test('lazy row updates touch only the listed rows; Adagrad divides by the root accumulator', (t) => {
  const optimizer = new Optimizer({ kind: 'adagrad', learningRate: 1, initialAccumulator: 0 });
  const table = parameter([1, 1, 1, 1, 1, 1], [3, 2]);
  optimizer.beginStep();
  optimizer.updateRows(table, Int32Array.from([2]), Float32Array.from([2, -3]), 1);
  t.deepEqual([...table.values], [1, 1, 1, 1, 0, 2]);
  const state = optimizer.toState();
  t.deepEqual([...state.slots.p[0]], [0, 0, 0, 0, 4, 9]);
  optimizer.remapRows(table, Int32Array.from([2, -1]));
  t.deepEqual([...optimizer.toState().slots.p[0]], [4, 9, 0, 0]);
  t.throws(() => new Optimizer({ kind: 'sgd' } as never), { message: /optimizer.kind/ });
});
