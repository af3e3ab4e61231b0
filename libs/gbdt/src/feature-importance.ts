import type { Ensemble } from './ensemble';

export interface FeatureImportance {
  feature: string;
  /** Sum of the loss reductions of the splits on this feature. */
  gain: number;
  /** Number of splits on this feature. */
  splits: number;
}

export interface CrossImportance {
  /** Two or three distinct feature names, sorted. */
  features: string[];
  /** Sum of the gains of the splits that complete this cross (see `crossImportance`). */
  gain: number;
  /** Number of such splits. */
  splits: number;
}

/** Gain and split count per feature, highest gain first. */
export function featureImportance(ensemble: Ensemble): FeatureImportance[] {
  const rows = ensemble.features.map((feature) => ({ feature: feature.name, gain: 0, splits: 0 }));
  for (const tree of ensemble.trees) {
    for (let node = 0; node < tree.feature.length; node++) {
      rows[tree.feature[node]].gain += tree.gain[node];
      rows[tree.feature[node]].splits++;
    }
  }
  return rows.sort((a, b) => b.gain - a.gain || a.feature.localeCompare(b.feature));
}

/**
 * Importance of feature crosses, the combinations TMRM's leaves stand for. A
 * split on feature f below splits on other features refines their combination:
 * its gain is credited to every pair {f, g} with g on its path from the root,
 * and to every triple {f, g, h} with g and h two distinct such features (each
 * cross once per split, however often g or h repeat above). Highest gain first.
 */
export function crossImportance(ensemble: Ensemble, order: 2 | 3 = 2): CrossImportance[] {
  const crosses = new Map<string, CrossImportance>();
  const credit = (features: number[], gain: number) => {
    const names = features.map((f) => ensemble.features[f].name).sort();
    const key = names.join('\u0000');
    const entry = crosses.get(key) ?? { features: names, gain: 0, splits: 0 };
    entry.gain += gain;
    entry.splits++;
    crosses.set(key, entry);
  };
  for (const tree of ensemble.trees) {
    const walk = (node: number, above: number[]) => {
      if (node < 0) return;
      const f = tree.feature[node];
      const others = [...new Set(above)].filter((g) => g !== f);
      if (order === 2) for (const g of others) credit([f, g], tree.gain[node]);
      else {
        for (let i = 0; i < others.length; i++) {
          for (let j = i + 1; j < others.length; j++)
            credit([f, others[i], others[j]], tree.gain[node]);
        }
      }
      walk(tree.left[node], [...above, f]);
      walk(tree.right[node], [...above, f]);
    };
    walk(tree.root, []);
  }
  return [...crosses.values()].sort(
    (a, b) => b.gain - a.gain || a.features.join().localeCompare(b.features.join()),
  );
}
