import { createSyntheticDataset } from '@tmrm/datasets';
import {
  positiveRate,
  type EvalSchema,
  type EvalSplit,
  type EvalTable,
  type FlatRow,
} from './eval-split';

/** Options for {@link syntheticSplit}. */
export interface SyntheticSplitOptions {
  users: number;
  items: number;
  events: number;
  /** Seeds the world and the clicks; the split is then fully determined. */
  seed: number;
}

const categorical = ['gender', 'region', 'device', 'category', 'brand', 'price_band', 'weekday'];
const numeric = ['age', 'release_year', 'hour'];

/**
 * A labelled split of the synthetic click generator (libs/datasets), split by
 * time: the first 80% of events train, the next 10% validate, the last 10%
 * test. Impressions come labelled (click or not), so no negatives are sampled.
 * The planted crosses travel with the split as the truth RQ2 checks against.
 */
export function syntheticSplit(options: SyntheticSplitOptions): EvalSplit {
  const dataset = createSyntheticDataset(options);
  const rows: FlatRow[] = [];
  const labels: number[] = [];
  const times: number[] = [];
  for (const sample of dataset.samples()) {
    const row: FlatRow = { user_id: sample.userId, item_id: sample.itemId };
    for (const name of categorical) row[name] = String(sample.features[name]);
    for (const name of numeric) row[name] = Number(sample.features[name]);
    rows.push(row);
    labels.push(sample.label);
    times.push(sample.eventTimeMs);
  }

  const trainEnd = Math.floor(rows.length * 0.8);
  const validEnd = Math.floor(rows.length * 0.9);
  const slice = (from: number, to: number): EvalTable => ({
    rows: rows.slice(from, to),
    labels: Uint8Array.from(labels.slice(from, to)),
    timesMs: Float64Array.from(times.slice(from, to)),
  });
  const train = slice(0, trainEnd);
  const valid = slice(trainEnd, validEnd);
  const test = slice(validEnd, rows.length);
  const schema: EvalSchema = {
    columns: [
      { name: 'user_id', kind: 'categorical' },
      { name: 'item_id', kind: 'categorical' },
      ...categorical.map((name) => ({ name, kind: 'categorical' as const })),
      ...numeric.map((name) => ({ name, kind: 'numeric' as const })),
    ],
    multiValued: {},
    user: 'user_id',
    item: 'item_id',
    time: null,
  };
  return {
    schema,
    train,
    valid,
    test,
    truth: dataset.truth.crosses.map((cross) => ({
      name: cross.name,
      conditions: cross.conditions,
      weight: cross.weight,
    })),
    description: {
      name: 'synthetic',
      source: `generated: ${options.users} users, ${options.items} items, ${options.events} events, seed ${options.seed}`,
      protocol: 'time',
      rows: { train: train.rows.length, valid: valid.rows.length, test: test.rows.length },
      positiveRate: {
        train: positiveRate(train),
        valid: positiveRate(valid),
        test: positiveRate(test),
      },
    },
  };
}
