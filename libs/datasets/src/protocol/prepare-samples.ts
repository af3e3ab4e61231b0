import { SeededRandom } from '../random/seeded-random';
import type { DatasetReader } from '../readers/dataset-reader';
import { assignSplits } from './assign-splits';
import { collectInteractions, type InteractionTable } from './interaction-table';
import { NegativeSampler } from './negative-sampler';
import {
  resolveProtocolOptions,
  type ProtocolOptions,
  type ResolvedProtocolOptions,
} from './protocol-options';

/**
 * The samples of a data set after the protocol, in columns. Sample k comes from event row
 * `eventRow[k]` (its user, time and context) and shows item `itemIndex[k]` with `label[k]`.
 * Implicit data: each positive is followed by its sampled negatives, in input order.
 */
export interface PreparedSamples {
  table: InteractionTable;
  options: ResolvedProtocolOptions;
  labelled: boolean;
  count: number;
  eventRow: Int32Array;
  itemIndex: Int32Array;
  label: Int8Array;
  /** 0 train, 1 valid, 2 test. */
  split: Uint8Array;
  positives: number;
  negatives: number;
  /** Negatives that could not be drawn because a user had interacted with (nearly) everything. */
  negativeShortfall: number;
  /** Events that were not positives (below the rating threshold, other event types, repeats). */
  eventsNotPositive: number;
}

/**
 * Applies the paper's protocol to a data set: implicit positives with sampled negatives, or
 * labelled rows as they are, each assigned to train, valid or test. Deterministic for a seed.
 */
export async function prepareSamples(
  reader: DatasetReader,
  protocol: ProtocolOptions = {},
): Promise<PreparedSamples> {
  const options = resolveProtocolOptions(protocol);
  const table = await collectInteractions(reader);
  return reader.labelled ? labelledSamples(table, options) : implicitSamples(table, options);
}

function labelledSamples(
  table: InteractionTable,
  options: ResolvedProtocolOptions,
): PreparedSamples {
  const eventRow = new Int32Array(table.size);
  for (let row = 0; row < table.size; row++) eventRow[row] = row;
  const split = assignSplits(
    { userIndex: table.userIndex, timeMs: table.timeMs, count: table.size },
    options,
  );
  let positives = 0;
  const label = table.label.slice(0, table.size);
  for (let row = 0; row < table.size; row++) positives += label[row] === 1 ? 1 : 0;
  return {
    table,
    options,
    labelled: true,
    count: table.size,
    eventRow,
    itemIndex: table.itemIndex.slice(0, table.size),
    label,
    split,
    positives,
    negatives: table.size - positives,
    negativeShortfall: 0,
    eventsNotPositive: 0,
  };
}

function implicitSamples(
  table: InteractionTable,
  options: ResolvedProtocolOptions,
): PreparedSamples {
  const itemCount = table.itemIds.length;
  const interacted: Set<number>[] = table.userIds.map(() => new Set<number>());
  const popularity = new Float64Array(itemCount);
  for (let row = 0; row < table.size; row++) {
    interacted[table.userIndex[row]].add(table.itemIndex[row]);
    popularity[table.itemIndex[row]]++;
  }

  // A positive is the earliest qualifying event of each (user, item) pair.
  const types = options.positiveEventTypes ? new Set(options.positiveEventTypes) : null;
  const firstRow = new Map<number, number>();
  for (let row = 0; row < table.size; row++) {
    if (types && !types.has(table.eventType[row])) continue;
    if (options.ratingThreshold !== null && !(table.value[row] >= options.ratingThreshold))
      continue;
    const pair = table.userIndex[row] * itemCount + table.itemIndex[row];
    const seen = firstRow.get(pair);
    if (seen === undefined || table.timeMs[row] < table.timeMs[seen]) firstRow.set(pair, row);
  }
  const positiveRows = Int32Array.from(firstRow.values()).sort();
  const anchors = {
    userIndex: positiveRows.map((row) => table.userIndex[row]),
    timeMs: Float64Array.from(positiveRows, (row) => table.timeMs[row]),
    count: positiveRows.length,
  };
  const anchorSplit = assignSplits(anchors, options);

  const n = options.negativesPerPositive;
  const capacity = positiveRows.length * (n + 1);
  const eventRow = new Int32Array(capacity);
  const itemIndex = new Int32Array(capacity);
  const label = new Int8Array(capacity);
  const split = new Uint8Array(capacity);
  const sampler = new NegativeSampler({
    itemCount,
    interacted,
    mode: options.negativeSampling,
    popularity,
    random: new SeededRandom(options.seed),
  });
  const drawn: number[] = [];
  let count = 0;
  let shortfall = 0;
  for (let p = 0; p < positiveRows.length; p++) {
    const row = positiveRows[p];
    eventRow[count] = row;
    itemIndex[count] = table.itemIndex[row];
    label[count] = 1;
    split[count++] = anchorSplit[p];
    shortfall += n - sampler.sample(table.userIndex[row], n, drawn);
    for (const item of drawn) {
      eventRow[count] = row;
      itemIndex[count] = item;
      label[count] = 0;
      split[count++] = anchorSplit[p];
    }
  }
  return {
    table,
    options,
    labelled: false,
    count,
    eventRow: eventRow.subarray(0, count),
    itemIndex: itemIndex.subarray(0, count),
    label: label.subarray(0, count),
    split: split.subarray(0, count),
    positives: positiveRows.length,
    negatives: count - positiveRows.length,
    negativeShortfall: shortfall,
    eventsNotPositive: table.size - positiveRows.length,
  };
}
