import { seededRandom } from '@tmrm/common';

/**
 * A KLL quantile sketch (Karnin, Lang, Liberty 2016) over numbers: memory
 * O(k log(n/k)) however many values stream in, rank error about 1.7/k of n.
 *
 * Level h holds items that each stand for 2^h values. When a level exceeds its
 * capacity (k at the top, shrinking by 2/3 per level below, at least 2) it is
 * sorted and every second item, starting at a random offset, moves up one level;
 * the other half is dropped. The random offset keeps rank estimates unbiased;
 * the generator is seeded so a sketch is reproducible.
 */
export class QuantileSketch {
  private readonly levels: number[][] = [[]];
  private readonly random: () => number;
  private count = 0;

  constructor(
    private readonly k = 256,
    seed = 0,
  ) {
    this.random = seededRandom(seed ^ 0x9e3779b9);
  }

  /** Values seen so far (NaN ignored). */
  get size(): number {
    return this.count;
  }

  add(value: number): void {
    if (value !== value) return;
    this.count++;
    this.levels[0].push(value);
    if (this.levels[0].length >= this.capacity(0)) this.compress();
  }

  /** Items with their weights, ascending, equal values merged. */
  weightedItems(): { values: Float64Array; weights: Float64Array } {
    const pairs: [number, number][] = [];
    this.levels.forEach((level, h) => level.forEach((value) => pairs.push([value, 2 ** h])));
    pairs.sort((a, b) => a[0] - b[0]);
    const values: number[] = [];
    const weights: number[] = [];
    for (const [value, weight] of pairs) {
      if (values.length > 0 && values[values.length - 1] === value)
        weights[weights.length - 1] += weight;
      else {
        values.push(value);
        weights.push(weight);
      }
    }
    return { values: Float64Array.from(values), weights: Float64Array.from(weights) };
  }

  /** Estimated fraction of values <= `value`. */
  rank(value: number): number {
    let below = 0;
    let total = 0;
    this.levels.forEach((level, h) => {
      for (const item of level) {
        total += 2 ** h;
        if (item <= value) below += 2 ** h;
      }
    });
    return total === 0 ? 0 : below / total;
  }

  toJSON(): { k: number; count: number; levels: number[][] } {
    return { k: this.k, count: this.count, levels: this.levels.map((level) => [...level]) };
  }

  static fromJSON(
    json: { k: number; count: number; levels: number[][] },
    seed = 0,
  ): QuantileSketch {
    const sketch = new QuantileSketch(json.k, seed);
    sketch.levels.length = 0;
    json.levels.forEach((level) => sketch.levels.push([...level]));
    sketch.count = json.count;
    return sketch;
  }

  private capacity(level: number): number {
    const depth = this.levels.length - 1 - level;
    return Math.max(2, Math.ceil(this.k * (2 / 3) ** depth));
  }

  private compress(): void {
    for (let h = 0; h < this.levels.length; h++) {
      if (this.levels[h].length < this.capacity(h)) continue;
      if (h + 1 === this.levels.length) this.levels.push([]);
      const level = this.levels[h].sort((a, b) => a - b);
      const offset = this.random() < 0.5 ? 0 : 1;
      for (let i = offset; i < level.length; i += 2) this.levels[h + 1].push(level[i]);
      this.levels[h] = [];
    }
  }
}
