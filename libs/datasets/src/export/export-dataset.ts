import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { silentLogger, type Logger } from '@tmrm/common';
import { LineWriter } from '../io/line-writer';
import { csvCell } from '../io/parse-csv-line';
import { SPLIT_NAMES } from '../protocol/assign-splits';
import { prepareSamples, type PreparedSamples } from '../protocol/prepare-samples';
import type { ProtocolOptions, ResolvedProtocolOptions } from '../protocol/protocol-options';
import type { DatasetReader } from '../readers/dataset-reader';
import {
  FeatureInventory,
  featureSegment,
  type DatasetMapping,
  type FeatureSegment,
} from './column-layout';

/** Options of {@link exportDataset}. */
export interface ExportDatasetOptions {
  reader: DatasetReader;
  /** Folder for train.csv, valid.csv, test.csv, mapping.json and export.json. */
  outDir: string;
  protocol?: ProtocolOptions;
  logger?: Logger;
}

/** `export.json`: what was exported and how, so a run can be reproduced and checked. */
export interface ExportSummary {
  format: 'tmrm-export';
  version: 1;
  dataset: string;
  protocol: ResolvedProtocolOptions;
  rows: { train: number; valid: number; test: number };
  positives: number;
  negatives: number;
  negativeShortfall: number;
  eventsNotPositive: number;
  users: number;
  items: number;
  columns: number;
  badLinesSkipped: number;
}

/**
 * Applies the protocol and writes the samples as CSV with a header (every feature column, then
 * `label` 0/1 last) plus `mapping.json` in the contract's format, so any other tool trains and
 * tests on the identical split. The same data, options and seed give byte-identical files.
 */
export async function exportDataset(options: ExportDatasetOptions): Promise<ExportSummary> {
  const log = (options.logger ?? silentLogger).child({ component: 'datasets.export' });
  const prepared = await prepareSamples(options.reader, options.protocol);
  log.info({ samples: prepared.count, positives: prepared.positives }, 'protocol applied');

  const { header, mapping, renderRow } = layoutColumns(prepared);
  await mkdir(options.outDir, { recursive: true });
  const writers = SPLIT_NAMES.map((name) => new LineWriter(join(options.outDir, `${name}.csv`)));
  for (const writer of writers) await writer.write(header);
  const rows = [0, 0, 0];
  for (let k = 0; k < prepared.count; k++) {
    const split = prepared.split[k];
    rows[split]++;
    const flushing = writers[split].write(renderRow(k));
    if (flushing) await flushing;
  }
  for (const writer of writers) await writer.close();

  const summary: ExportSummary = {
    format: 'tmrm-export',
    version: 1,
    dataset: options.reader.name,
    protocol: prepared.options,
    rows: { train: rows[0], valid: rows[1], test: rows[2] },
    positives: prepared.positives,
    negatives: prepared.negatives,
    negativeShortfall: prepared.negativeShortfall,
    eventsNotPositive: prepared.eventsNotPositive,
    users: prepared.table.userIds.length,
    items: prepared.table.itemIds.length,
    columns: header.split(',').length,
    badLinesSkipped: options.reader.issues.count,
  };
  await writeFile(join(options.outDir, 'mapping.json'), JSON.stringify(mapping, null, 2) + '\n');
  await writeFile(join(options.outDir, 'export.json'), JSON.stringify(summary, null, 2) + '\n');
  log.info({ rows: summary.rows }, 'export written');
  return summary;
}

function layoutColumns(prepared: PreparedSamples): {
  header: string;
  mapping: DatasetMapping;
  renderRow: (k: number) => string;
} {
  const { table } = prepared;
  const userInventory = new FeatureInventory();
  table.userProfiles.forEach((profile) => userInventory.add(profile?.features));
  const itemInventory = new FeatureInventory();
  table.itemProfiles.forEach((profile) => itemInventory.add(profile?.features));
  const contextInventory = new FeatureInventory();
  table.contexts?.forEach((context) => contextInventory.add(context));

  const mapping: DatasetMapping = {
    format: 'tmrm-mapping',
    version: 1,
    label: 'label',
    user: 'user_id',
    item: 'item_id',
    time: 'timestamp',
    categorical: [],
    numeric: [],
    multiValued: {},
  };
  const taken = new Set(['user_id', 'item_id', 'timestamp', 'label']);
  const user = featureSegment(userInventory, 'user_id', 'user_', mapping, taken);
  const item = featureSegment(itemInventory, 'item_id', 'item_', mapping, taken);
  const context = featureSegment(contextInventory, null, 'context_', mapping, taken);
  mapping.numeric.push('timestamp');
  const header = [...user.columns, ...item.columns, ...context.columns, 'timestamp', 'label']
    .map(csvCell)
    .join(',');

  const userCells = cachedCells(user, table.userIds, (u) => table.userProfiles[u]?.features);
  const itemCells = cachedCells(item, table.itemIds, (i) => table.itemProfiles[i]?.features);
  const noContext = context.columns.length > 0 ? context.render(null) + ',' : '';
  const renderRow = (k: number): string => {
    const row = prepared.eventRow[k];
    const contextCells = table.contexts
      ? context.columns.length > 0
        ? context.render(table.contexts[row]) + ','
        : ''
      : noContext;
    return (
      `${userCells(table.userIndex[row])},${itemCells(prepared.itemIndex[k])},` +
      `${contextCells}${table.timeMs[row]},${prepared.label[k]}`
    );
  };
  return { header, mapping, renderRow };
}

/** The id cell plus the feature cells of a user or item, rendered once and reused. */
function cachedCells(
  segment: FeatureSegment,
  ids: string[],
  featuresOf: (index: number) => Parameters<FeatureSegment['render']>[0],
): (index: number) => string {
  const cache: (string | undefined)[] = new Array(ids.length);
  return (index) => {
    let cells = cache[index];
    if (cells === undefined) {
      const features = segment.columns.length > 1 ? ',' + segment.render(featuresOf(index)) : '';
      cells = csvCell(ids[index]) + features;
      cache[index] = cells;
    }
    return cells;
  };
}
