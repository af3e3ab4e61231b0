// Local copies of the contract types from @tmrm/schemas (see /work/contracts.md). They are
// structurally identical, so values pass freely between the two; once @tmrm/schemas lands this
// file should re-export them from there instead.

/** One condition on a GBDT path, such as `{ feature: 'age', op: 'in', value: '[25, 34]' }`. */
export interface Condition {
  feature: string;
  /** One of `<`, `>=`, `in`, `=`, `not in`, `!=`, `is missing`, `is not missing`. */
  op: string;
  value: string;
}

/** A feature combination read from a GBDT leaf: its conditions, rendered text and a weight. */
export interface FeaturePath {
  conditions: Condition[];
  text: string;
  weight: number;
}

/** Gives the feature path of a global leaf id; the GBDT provides it. */
export type DescribeLeaf = (leafId: number) => FeaturePath;
