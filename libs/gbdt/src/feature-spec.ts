/**
 * What the ensemble knows about one input feature.
 *
 * Numeric features are compared with thresholds (`x < t` goes left). Categorical
 * features hold a category code, the index of the label in `categories`; splits
 * send a set of codes left. Missing values are `NaN` in either kind.
 */
export interface FeatureSpec {
  name: string;
  kind: 'numeric' | 'categorical';
  /** Labels of a categorical feature; the code of a label is its index. Grows, never reorders. */
  categories?: string[];
  /** Every value seen in training was an integer: paths render closed integer ranges. */
  integer?: boolean;
  /** Missing values were seen in training, so paths say where missing values go. */
  hasMissing?: boolean;
}

/** Feature specs from names, with the named ones categorical. */
export function featureSpecs(names: string[], categorical: Iterable<string> = []): FeatureSpec[] {
  const isCategorical = new Set(categorical);
  return names.map((name) =>
    isCategorical.has(name)
      ? { name, kind: 'categorical', categories: [] }
      : { name, kind: 'numeric' },
  );
}
