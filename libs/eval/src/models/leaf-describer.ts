import { leafPaths, type Ensemble } from '@tmrm/gbdt';
import type { ExplanationPath } from '../results/eval-results';

/**
 * Feature paths of every leaf of an ensemble, by global leaf id, as libs/gbdt
 * renders them (merged ranges, intersected category sets, missing-value
 * routing stated), in the contract's FeaturePath shape with the leaf value as
 * weight.
 */
export function describeLeaves(ensemble: Ensemble): ExplanationPath[] {
  return leafPaths(ensemble).map((path) => ({
    conditions: path.conditions.map(({ feature, op, value }) => ({ feature, op, value })),
    text: path.text,
    weight: path.value,
  }));
}
