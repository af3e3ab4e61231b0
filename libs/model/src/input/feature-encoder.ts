import type { ResolvedFieldSpec } from './field-spec';
import type { Sample } from './sample';
import { ModelInputError } from '../model-errors';
import { RunningScaler, type RunningScalerState } from './running-scaler';
import { Vocabulary, type VocabularyState } from './vocabulary';

/**
 * A mini-batch as the network reads it: every sample has the same S feature slots (one per
 * single-valued or numeric field, `maxValues` per multi-valued field); slot s of sample b
 * activates row `rows[b*S+s]` of the shared embedding table with value `values[b*S+s]`
 * (the paper's f_i; 0 on unused padding slots).
 */
export interface EncodedBatch {
  size: number;
  slotCount: number;
  rows: Int32Array;
  values: Float32Array;
  /** Click labels, when every sample had one. */
  labels: Float32Array | null;
  /** T leaf ids per sample, row-major, when every sample had them. */
  leafIds: Int32Array | null;
}

/** The serialisable state of a {@link FeatureEncoder}. */
export interface FeatureEncoderState {
  vocabularies: Record<string, VocabularyState>;
  scalers: Record<string, RunningScalerState>;
}

/**
 * Turns field-structured samples into {@link EncodedBatch}es. Each categorical field owns a
 * block of rows of the embedding table (missing, admitted values, hashed buckets), each
 * numeric field one row, so the table size, `rowCount`, is fixed when the model is built.
 */
export class FeatureEncoder {
  readonly rowCount: number;
  readonly slotCount: number;
  /** The field index of every slot, used to pool slots into per-field embeddings. */
  readonly fieldOfSlot: Int32Array;
  private readonly firstRow: number[] = [];
  private readonly firstSlot: number[] = [];
  private readonly vocabularies: (Vocabulary | null)[];
  private readonly scalers: (RunningScaler | null)[];

  constructor(
    readonly fields: readonly ResolvedFieldSpec[],
    state?: FeatureEncoderState,
  ) {
    let rows = 0;
    let slots = 0;
    const fieldOfSlot: number[] = [];
    this.vocabularies = fields.map((spec) => {
      if (spec.kind === 'numeric') return null;
      const saved = state?.vocabularies[spec.name];
      const { vocabularyCap: cap, hashBuckets: buckets, minCount } = spec;
      return saved
        ? Vocabulary.fromState(saved, cap, buckets, minCount)
        : new Vocabulary(cap, buckets, minCount);
    });
    this.scalers = fields.map((spec) => {
      if (spec.kind !== 'numeric') return null;
      const saved = state?.scalers[spec.name];
      return saved ? RunningScaler.fromState(saved) : new RunningScaler();
    });
    fields.forEach((spec, f) => {
      this.firstRow.push(rows);
      this.firstSlot.push(slots);
      rows += spec.kind === 'numeric' ? 1 : (this.vocabularies[f] as Vocabulary).rows;
      const width = spec.kind === 'multi' ? spec.maxValues : 1;
      for (let i = 0; i < width; i++) fieldOfSlot.push(f);
      slots += width;
    });
    this.rowCount = rows;
    this.slotCount = slots;
    this.fieldOfSlot = Int32Array.from(fieldOfSlot);
  }

  /**
   * Encodes a batch. With `train`, vocabularies admit new values and numeric statistics are
   * updated (before scaling, so a value is scaled with statistics that include it).
   */
  encode(samples: readonly Sample[], options: { train: boolean }): EncodedBatch {
    if (!Array.isArray(samples) || samples.length === 0) {
      throw new ModelInputError('batch', 'must be a non-empty array of samples');
    }
    const size = samples.length;
    const rows = new Int32Array(size * this.slotCount);
    const values = new Float32Array(size * this.slotCount);
    samples.forEach((sample, b) => this.encodeSample(sample, b, rows, values, options.train));
    return {
      size,
      slotCount: this.slotCount,
      rows,
      values,
      labels: collectLabels(samples),
      leafIds: collectLeafIds(samples),
    };
  }

  toState(): FeatureEncoderState {
    const state: FeatureEncoderState = { vocabularies: {}, scalers: {} };
    this.fields.forEach((spec, f) => {
      const vocabulary = this.vocabularies[f];
      const scaler = this.scalers[f];
      if (vocabulary) state.vocabularies[spec.name] = vocabulary.toState();
      if (scaler) state.scalers[spec.name] = scaler.toState();
    });
    return state;
  }

  // Plain loops, and error paths built only when a check fails: this runs for every field of
  // every sample, and the template string of each field's path was a seventh of a scoring
  // request's allocation (model benchmark, 100 candidates).
  private encodeSample(
    sample: Sample,
    b: number,
    rows: Int32Array,
    values: Float32Array,
    train: boolean,
  ): void {
    if (!sample || typeof sample.fields !== 'object' || sample.fields === null) {
      throw new ModelInputError(`batch[${b}].fields`, 'must be an object of field values');
    }
    const fields = this.fields;
    for (let f = 0; f < fields.length; f++) {
      const spec = fields[f];
      const raw = sample.fields[spec.name];
      const slot = b * this.slotCount + this.firstSlot[f];
      const firstRow = this.firstRow[f];
      if (spec.kind === 'numeric') {
        rows[slot] = firstRow;
        values[slot] = this.numericValue(f, raw, b, train);
        continue;
      }
      const vocabulary = this.vocabularies[f] as Vocabulary;
      if (spec.kind === 'categorical') {
        if (Array.isArray(raw)) {
          throw new ModelInputError(fieldPath(b, spec.name), 'must be one value, not a list');
        }
        const value = raw === undefined || raw === null || raw === '' ? undefined : String(raw);
        rows[slot] = firstRow + vocabulary.rowOf(value, train);
        values[slot] = 1;
        continue;
      }
      const list = multiValues(raw, b, spec.name, spec.maxValues);
      if (list.length === 0) {
        rows[slot] = firstRow;
        values[slot] = 1;
        for (let i = 1; i < spec.maxValues; i++) rows[slot + i] = firstRow;
        continue;
      }
      const weight = spec.valueWeighting === 'mean' ? 1 / list.length : 1;
      for (let i = 0; i < spec.maxValues; i++) {
        rows[slot + i] = firstRow + (i < list.length ? vocabulary.rowOf(list[i], train) : 0);
        values[slot + i] = i < list.length ? weight : 0;
      }
    }
  }

  private numericValue(f: number, raw: unknown, b: number, train: boolean): number {
    if (raw === undefined || raw === null || raw === '') return 0;
    const value = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw) : NaN;
    if (!Number.isFinite(value)) {
      const path = fieldPath(b, this.fields[f].name);
      throw new ModelInputError(path, `must be a finite number, got ${JSON.stringify(raw)}`);
    }
    const scaler = this.scalers[f] as RunningScaler;
    if (train) scaler.observe(value);
    return scaler.scale(value);
  }
}

function fieldPath(b: number, name: string): string {
  return `batch[${b}].fields.${name}`;
}

/** The distinct values of a multi-valued field as strings, in order, at most `maxValues`. */
function multiValues(raw: unknown, b: number, name: string, maxValues: number): string[] {
  if (raw === undefined || raw === null || raw === '') return [];
  const list = Array.isArray(raw) ? raw : [raw];
  const distinct: string[] = [];
  for (const value of list) {
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw new ModelInputError(fieldPath(b, name), 'must be a list of strings');
    }
    // Lists are a few values long, so a linear search beats building a Set for each one.
    const text = String(value);
    if (distinct.length < maxValues && !distinct.includes(text)) distinct.push(text);
  }
  return distinct;
}

function collectLabels(samples: readonly Sample[]): Float32Array | null {
  if (samples.some((sample) => sample.label === undefined)) return null;
  return Float32Array.from(samples, (sample, b) => {
    const label = sample.label as number;
    if (label !== 0 && label !== 1) {
      throw new ModelInputError(`batch[${b}].label`, `must be 0 or 1, got ${label}`);
    }
    return label;
  });
}

function collectLeafIds(samples: readonly Sample[]): Int32Array | null {
  if (samples.some((sample) => !sample.leafIds)) return null;
  const treeCount = (samples[0].leafIds as Int32Array).length;
  const out = new Int32Array(samples.length * treeCount);
  samples.forEach((sample, b) => {
    const ids = sample.leafIds as Int32Array;
    if (ids.length !== treeCount) {
      const problem = `must have ${treeCount} leaf ids like batch[0], got ${ids.length}`;
      throw new ModelInputError(`batch[${b}].leafIds`, problem);
    }
    out.set(ids, b * treeCount);
  });
  return out;
}
