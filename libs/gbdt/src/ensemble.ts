import type { FeatureSpec } from './feature-spec';
import type { ObjectiveName } from './objective';
import { sigmoid } from './objective';
import type { FeatureMatrix } from './training-data';
import type { Tree } from './tree';

/**
 * A trained (or imported) tree ensemble: prediction = transform(baseMargin + sum
 * of the leaf values reached), with transform = sigmoid for logloss.
 */
export interface Ensemble {
  objective: ObjectiveName;
  baseMargin: number;
  features: FeatureSpec[];
  /** Per feature, the cut values of the latest binning (empty for categorical or imported). */
  cuts: Float64Array[];
  trees: Tree[];
  /** Inputs are rounded to float32 before comparison (XGBoost does so). */
  float32Inputs: boolean;
  /** Where the trees came from. */
  source: 'tmrm' | 'xgboost' | 'lightgbm';
}

/** Raw margins (log-odds for logloss) of every row. */
export function predictMargin(ensemble: Ensemble, matrix: FeatureMatrix): Float64Array {
  const columns = comparableColumns(ensemble, matrix);
  const margins = new Float64Array(matrix.rowCount).fill(ensemble.baseMargin);
  for (const tree of ensemble.trees) addTree(tree, columns, margins);
  return margins;
}

/** Predictions: probabilities for logloss, values for squared error. */
export function predict(ensemble: Ensemble, matrix: FeatureMatrix): Float64Array {
  const margins = predictMargin(ensemble, matrix);
  if (ensemble.objective === 'logloss')
    for (let i = 0; i < margins.length; i++) margins[i] = sigmoid(margins[i]);
  return margins;
}

/** Adds one tree's leaf values to `margins`. */
export function addTree(tree: Tree, columns: Float64Array[], margins: Float64Array): void {
  const { feature, threshold, defaultLeft, left, right, categorySplit, categorySets, leafValue } =
    tree;
  for (let row = 0; row < margins.length; row++) {
    let node = tree.root;
    while (node >= 0) {
      const value = columns[feature[node]][row];
      let goLeft: boolean;
      if (value !== value) goLeft = defaultLeft[node] === 1;
      else if (categorySplit[node] < 0) goLeft = value < threshold[node];
      else {
        const set = categorySets[categorySplit[node]];
        const word = value >>> 5;
        goLeft = value >= 0 && word < set.length && ((set[word] >>> (value & 31)) & 1) === 1;
      }
      node = goLeft ? left[node] : right[node];
    }
    margins[row] += leafValue[~node];
  }
}

/** The columns as the trees compare them: float32-rounded for imported XGBoost models. */
export function comparableColumns(ensemble: Ensemble, matrix: FeatureMatrix): Float64Array[] {
  if (!ensemble.float32Inputs) return matrix.columns;
  return matrix.columns.map((column) => Float64Array.from(column, Math.fround));
}
