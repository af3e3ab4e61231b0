import { ConfigError } from '@tmrm/common';
import type { SeededRandom } from './seeded-random';

/**
 * Draws indices 0..n-1 with probability proportional to their weights, by binary search in the
 * cumulative weights (O(log n) a draw, O(n) memory). Zero weights are never drawn.
 */
export class WeightedSampler {
  private readonly cumulative: Float64Array;
  readonly total: number;

  constructor(weights: ArrayLike<number>) {
    this.cumulative = new Float64Array(weights.length);
    let sum = 0;
    for (let i = 0; i < weights.length; i++) {
      const weight = weights[i];
      if (!(weight >= 0) || !Number.isFinite(weight)) {
        throw new ConfigError(`weights[${i}]`, weight, 'must be a finite number >= 0');
      }
      sum += weight;
      this.cumulative[i] = sum;
    }
    this.total = sum;
  }

  get size(): number {
    return this.cumulative.length;
  }

  /** One index drawn with probability weight / total; throws if every weight is zero. */
  draw(random: SeededRandom): number {
    if (this.total <= 0) {
      throw new ConfigError('weights', 'all zero', 'at least one weight must be positive');
    }
    const target = random.next() * this.total;
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.cumulative[middle] > target) high = middle;
      else low = middle + 1;
    }
    return low;
  }
}
