import { fnv1a } from '../maths/hash';

/** The serialisable state of a {@link Vocabulary}. */
export interface VocabularyState {
  values: string[];
  pendingCounts: [string, number][];
}

/**
 * Maps the values of one categorical field to row offsets inside the field's block of the
 * embedding table: row 0 is "missing", rows 1..cap are values with a row of their own, and
 * the last `hashBuckets` rows are shared by hash.
 *
 * A value gets its own row in training once it has been seen `minCount` times and the cap is
 * not reached; until then, and at prediction time if it was never admitted, it uses its hashed
 * row. Memory stays bounded: at most `cap` admitted values and at most `4 * cap + 1024` values
 * counted while pending (when that table is full it is cleared, so a rare value may need to
 * be seen `minCount` times again; a cheap, lossy form of frequency counting).
 */
export class Vocabulary {
  readonly rows: number;
  private readonly index = new Map<string, number>();
  private readonly values: string[] = [];
  private readonly pending = new Map<string, number>();
  private readonly maxPending: number;

  constructor(
    readonly cap: number,
    readonly hashBuckets: number,
    readonly minCount: number,
  ) {
    this.rows = 1 + cap + hashBuckets;
    this.maxPending = 4 * cap + 1024;
  }

  /** The row of `value`; in training, counts it and admits it when it qualifies. */
  rowOf(value: string | undefined, train: boolean): number {
    if (value === undefined) return 0;
    const known = this.index.get(value);
    if (known !== undefined) return known;
    if (train && this.values.length < this.cap) {
      const seen = (this.pending.get(value) ?? 0) + 1;
      if (seen >= this.minCount) {
        this.pending.delete(value);
        this.values.push(value);
        this.index.set(value, this.values.length);
        return this.values.length;
      }
      if (this.pending.size >= this.maxPending) this.pending.clear();
      this.pending.set(value, seen);
    }
    return 1 + this.cap + (fnv1a(value) % this.hashBuckets);
  }

  /** Admitted values, in row order (row = position + 1). */
  get size(): number {
    return this.values.length;
  }

  toState(): VocabularyState {
    return { values: [...this.values], pendingCounts: [...this.pending] };
  }

  static fromState(state: VocabularyState, cap: number, buckets: number, minCount: number) {
    const vocabulary = new Vocabulary(cap, buckets, minCount);
    for (const value of state.values.slice(0, cap)) {
      vocabulary.values.push(value);
      vocabulary.index.set(value, vocabulary.values.length);
    }
    for (const [value, count] of state.pendingCounts) vocabulary.pending.set(value, count);
    return vocabulary;
  }
}
