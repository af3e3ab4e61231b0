import { ConfigError } from '@tmrm/common';
import { addTree, comparableColumns, type Ensemble } from './ensemble';
import { identityChange, type LeafSpaceChange } from './leaf-space-change';
import { computeGradients } from './objective';
import { totalLeaves } from './leaf-encoder';
import { checkMatrix, type LabelledMatrix } from './training-data';
import { leafOfRow, type Tree } from './tree';

export interface RefitOptions {
  /**
   * Weight of the old leaf value in the new one, in [0, 1): new = decay * old +
   * (1 - decay) * fitted (default 0: replace).
   */
  decay?: number;
  /** L2 on leaf weights, as in training (default 1). */
  lambda?: number;
  /** Shrinkage of the fitted values (default 0.1, as training's default). */
  learningRate?: number;
}

/**
 * Refit: keeps every tree's structure and re-estimates the leaf values on a new
 * window, tree by tree in order (LightGBM's refit): tree t's leaves get the
 * Newton step -G/(H + lambda) of the gradients at the margins of the already
 * refitted trees 0..t-1, times the learning rate. A leaf no row of the window
 * reaches keeps its value. Leaf ids are unchanged by construction.
 */
export function refitLeaves(
  ensemble: Ensemble,
  data: LabelledMatrix,
  options: RefitOptions = {},
): { ensemble: Ensemble; change: LeafSpaceChange } {
  const decay = options.decay ?? 0;
  const lambda = options.lambda ?? 1;
  const learningRate = options.learningRate ?? 0.1;
  if (!(decay >= 0 && decay < 1)) throw new ConfigError('decay', decay, 'must be in [0, 1)');
  if (!(lambda >= 0)) throw new ConfigError('lambda', lambda, 'must be >= 0');
  if (!(learningRate > 0)) throw new ConfigError('learningRate', learningRate, 'must be > 0');
  checkMatrix(data, 'refit data');

  const columns = comparableColumns(ensemble, data);
  const margins = new Float64Array(data.rowCount).fill(ensemble.baseMargin);
  const gradHess = new Float64Array(2 * data.rowCount);
  const leaves = new Int32Array(data.rowCount);
  const trees = ensemble.trees.map((tree) => {
    computeGradients(ensemble.objective, data.labels, margins, gradHess);
    const grad = new Float64Array(tree.leafValue.length);
    const hess = new Float64Array(tree.leafValue.length);
    for (let row = 0; row < data.rowCount; row++) {
      const leaf = leafOfRow(tree, columns, row);
      leaves[row] = leaf;
      grad[leaf] += gradHess[2 * row];
      hess[leaf] += gradHess[2 * row + 1];
    }
    const refitted: Tree = { ...tree, leafValue: Float64Array.from(tree.leafValue) };
    for (let leaf = 0; leaf < grad.length; leaf++) {
      if (hess[leaf] === 0) continue;
      const fitted = (-grad[leaf] / (hess[leaf] + lambda)) * learningRate;
      refitted.leafValue[leaf] = decay * tree.leafValue[leaf] + (1 - decay) * fitted;
    }
    addTree(refitted, columns, margins);
    return refitted;
  });
  const refreshed = { ...ensemble, trees };
  const count = totalLeaves(ensemble);
  return { ensemble: refreshed, change: identityChange('unchanged', count, count) };
}
