import type { SeededRandom } from '../random/seeded-random';
import { WeightedSampler } from '../random/weighted-sampler';
import type { NegativeSampling } from './protocol-options';

/** Options of {@link NegativeSampler}. */
export interface NegativeSamplerOptions {
  /** Items are 0..itemCount-1. */
  itemCount: number;
  /** For each user index, the items it interacted with; these are never returned. */
  interacted: readonly Set<number>[];
  mode: NegativeSampling;
  /** Interaction count per item, the weights of `popularity` sampling. */
  popularity: Float64Array;
  random: SeededRandom;
}

const MAX_REJECTIONS_PER_DRAW = 64;

/**
 * Draws negatives for a user: items the user never interacted with, distinct within one call,
 * uniformly or in proportion to popularity. Rejection sampling is fast while a user has seen a
 * small share of the catalogue; after too many rejections in a row it falls back to an exact
 * draw from the explicit list of allowed items, so heavy users still get correct negatives.
 */
export class NegativeSampler {
  private readonly weighted: WeightedSampler | null;

  constructor(private readonly options: NegativeSamplerOptions) {
    this.weighted = options.mode === 'popularity' ? new WeightedSampler(options.popularity) : null;
  }

  /** Fills `out` with up to `count` negatives for `user`; returns how many it found. */
  sample(user: number, count: number, out: number[]): number {
    out.length = 0;
    const seen = this.options.interacted[user];
    let rejections = 0;
    while (out.length < count && rejections < MAX_REJECTIONS_PER_DRAW) {
      const item = this.draw();
      if (item < 0) break;
      if (seen.has(item) || out.includes(item)) rejections++;
      else {
        out.push(item);
        rejections = 0;
      }
    }
    if (out.length < count) this.exactFill(seen, count, out);
    return out.length;
  }

  private draw(): number {
    if (this.weighted)
      return this.weighted.total > 0 ? this.weighted.draw(this.options.random) : -1;
    return this.options.random.int(this.options.itemCount);
  }

  /** Draws the rest from the explicit list of allowed items (weighted when popularity). */
  private exactFill(seen: Set<number>, count: number, out: number[]): void {
    const allowed: number[] = [];
    const weights: number[] = [];
    for (let item = 0; item < this.options.itemCount; item++) {
      if (seen.has(item) || out.includes(item)) continue;
      const weight = this.weighted ? this.options.popularity[item] : 1;
      if (weight <= 0) continue;
      allowed.push(item);
      weights.push(weight);
    }
    // Without replacement: each pick leaves the list, and the sampler is rebuilt (rare path).
    while (out.length < count && allowed.length > 0) {
      const sampler = new WeightedSampler(weights);
      const pick = sampler.draw(this.options.random);
      out.push(allowed[pick]);
      allowed.splice(pick, 1);
      weights.splice(pick, 1);
    }
  }
}
