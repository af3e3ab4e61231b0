import type { Ensemble } from './ensemble';
import { leafOffsets } from './leaf-encoder';
import {
  narrowCategorical,
  narrowNumeric,
  type CategoricalConstraint,
  type NumericConstraint,
  type PathConstraint,
} from './path-constraint';
import { renderConstraint, type PathCondition } from './path-text';
import { categoryCodes, type Tree } from './tree';

/**
 * One leaf read as a feature combination: the conjunction of the conditions on
 * the path from the root, one merged constraint per feature (two bounds become a
 * range, category sets intersect), in the order the features first appear.
 */
export interface LeafPath {
  tree: number;
  leaf: number;
  /** Global leaf id (see `leafOffsets`). */
  globalLeaf: number;
  constraints: PathConstraint[];
  /** Contract-shaped conditions `{ feature, op, value }` plus `orMissing`. */
  conditions: PathCondition[];
  /** e.g. `age in [25, 34] AND genre = Drama AND hour >= 20`. */
  text: string;
  /** The leaf's value (margin contribution) and hessian cover. */
  value: number;
  cover: number;
}

/** Paths of every leaf of the ensemble, in global leaf id order. */
export function leafPaths(ensemble: Ensemble): LeafPath[] {
  const offsets = leafOffsets(ensemble);
  return ensemble.trees.flatMap((tree, t) =>
    treeLeafConstraints(ensemble, tree).map((constraints, leaf) => {
      const conditions = constraints
        .map((c) => renderConstraint(ensemble.features[c.feature], c, ensemble.float32Inputs))
        .filter((condition): condition is PathCondition => condition !== null);
      return {
        tree: t,
        leaf,
        globalLeaf: offsets[t] + leaf,
        constraints,
        conditions,
        text:
          conditions.length === 0 ? '(all samples)' : conditions.map((c) => c.text).join(' AND '),
        value: tree.leafValue[leaf],
        cover: tree.leafCover[leaf],
      };
    }),
  );
}

/** The merged constraints of each leaf of one tree, indexed by tree-local leaf. */
export function treeLeafConstraints(ensemble: Ensemble, tree: Tree): PathConstraint[][] {
  const result: PathConstraint[][] = new Array(tree.leafValue.length);
  const walk = (node: number, path: PathConstraint[]) => {
    if (node < 0) {
      result[~node] = path;
      return;
    }
    const f = tree.feature[node];
    const at = path.findIndex((constraint) => constraint.feature === f);
    const current = at >= 0 ? path[at] : unconstrained(ensemble, f);
    const defaultLeft = tree.defaultLeft[node] === 1;
    for (const goesLeft of [true, false]) {
      const missingGoes = goesLeft === defaultLeft;
      const narrowed =
        tree.categorySplit[node] < 0
          ? narrowNumeric(current as NumericConstraint, tree.threshold[node], goesLeft, missingGoes)
          : narrowCategorical(
              current as CategoricalConstraint,
              categoryCodes(tree.categorySets[tree.categorySplit[node]]),
              goesLeft,
              missingGoes,
            );
      const next = at >= 0 ? path.map((c, i) => (i === at ? narrowed : c)) : [...path, narrowed];
      walk(goesLeft ? tree.left[node] : tree.right[node], next);
    }
  };
  walk(tree.root, []);
  return result;
}

function unconstrained(ensemble: Ensemble, feature: number): PathConstraint {
  return ensemble.features[feature].kind === 'categorical'
    ? { kind: 'categorical', feature, include: null, exclude: new Set(), missing: true }
    : { kind: 'numeric', feature, lower: -Infinity, upper: Infinity, missing: true };
}
