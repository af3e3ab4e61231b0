import { categoricalBinsFromFrequency, numericBins, type BinMapper } from './bin-mapper';
import type { FeatureSpec } from './feature-spec';
import { quantileCuts } from './quantile-cuts';
import { QuantileSketch } from './quantile-sketch';
import type { FeatureMatrix } from './training-data';

export interface StreamingBinnerOptions {
  /** KLL accuracy parameter (default 256: rank error about 0.7% of the values seen). */
  sketchSize?: number;
  /**
   * Category counts are multiplied by this before each window is added, so old
   * windows fade (default 1: no fading).
   */
  categoryDecay?: number;
  seed?: number;
}

/**
 * Bin edges that follow a stream: every window of data is added to one quantile
 * sketch per numeric feature and to category counts per categorical feature,
 * and `binMapper()` turns the current state into bins for the next `continue`
 * or `rebuild`. Old trees are unaffected by new edges: trees store raw
 * thresholds, and bins only matter while a tree is being grown.
 */
export class StreamingBinner {
  private readonly sketches: (QuantileSketch | null)[];
  private readonly categoryCounts: (number[] | null)[];
  private readonly integer: boolean[];
  private readonly missing: boolean[];

  constructor(
    readonly features: FeatureSpec[],
    private readonly options: StreamingBinnerOptions = {},
  ) {
    const seed = options.seed ?? 0;
    this.sketches = features.map((feature, f) =>
      feature.kind === 'numeric' ? new QuantileSketch(options.sketchSize ?? 256, seed + f) : null,
    );
    this.categoryCounts = features.map((feature) => (feature.kind === 'categorical' ? [] : null));
    this.integer = features.map(() => true);
    this.missing = features.map(() => false);
  }

  /** Adds one window (its columns must follow `features`, categorical codes included). */
  observe(matrix: FeatureMatrix): void {
    const decay = this.options.categoryDecay ?? 1;
    this.features.forEach((_, f) => {
      const column = matrix.columns[f];
      const sketch = this.sketches[f];
      const counts = this.categoryCounts[f];
      if (counts) for (let code = 0; code < counts.length; code++) counts[code] *= decay;
      for (let row = 0; row < matrix.rowCount; row++) {
        const value = column[row];
        if (value !== value) {
          this.missing[f] = true;
          continue;
        }
        if (sketch) {
          sketch.add(value);
          if (!Number.isInteger(value)) this.integer[f] = false;
        } else if (counts && value >= 0) {
          while (counts.length <= value) counts.push(0);
          counts[value]++;
        }
      }
    });
  }

  /** Bins from everything observed; also records `integer`/`hasMissing` on the feature specs. */
  binMapper(maxBins = 256): BinMapper {
    const bins = this.features.map((feature, f) => {
      feature.hasMissing = this.missing[f];
      const sketch = this.sketches[f];
      if (sketch) {
        feature.integer = this.integer[f];
        const { values, weights } = sketch.weightedItems();
        return numericBins(quantileCuts(values, weights, maxBins - 1));
      }
      const counts = [...(this.categoryCounts[f] ?? [])];
      while (counts.length < (feature.categories?.length ?? 0)) counts.push(0);
      return categoricalBinsFromFrequency(counts, maxBins - 1);
    });
    return { features: this.features, bins };
  }
}
