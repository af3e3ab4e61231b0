import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LineWriter } from '../io/line-writer';
import type { InteractionEvent } from '../records';
import { TMRM_DATASET_MANIFEST, type TmrmDatasetManifest } from '../readers/tmrm-manifest';
import { createSyntheticDataset, type SyntheticSample } from './synthetic-dataset';
import type { SyntheticOptions } from './synthetic-options';

/** Options of {@link writeSyntheticDataset}. */
export interface WriteSyntheticOptions extends SyntheticOptions {
  /** Folder to write into; created if missing. */
  outDir: string;
  /** Called every `progressEvery` events with the number written so far. */
  onProgress?: (eventsWritten: number) => void;
  progressEvery?: number;
}

/** What {@link writeSyntheticDataset} wrote. */
export interface WriteSyntheticSummary {
  outDir: string;
  users: number;
  items: number;
  events: number;
  clicks: number;
  files: string[];
}

/**
 * Writes a synthetic data set in tmrm's JSONL layout: `users.jsonl`, `items.jsonl` (profiles),
 * `events.jsonl` (impressions in time order: `click` or `view`), `dataset.json` (the manifest
 * that says the events are labelled) and `truth.json` (the click model and planted crosses).
 * The same options give byte-identical files.
 */
export async function writeSyntheticDataset(
  options: WriteSyntheticOptions,
): Promise<WriteSyntheticSummary> {
  const { outDir, onProgress, progressEvery = 100_000, ...synthetic } = options;
  const dataset = createSyntheticDataset(synthetic);
  await mkdir(outDir, { recursive: true });

  const users = new LineWriter(join(outDir, 'users.jsonl'));
  for (const profile of dataset.world.userProfiles) await users.write(JSON.stringify(profile));
  await users.close();
  const items = new LineWriter(join(outDir, 'items.jsonl'));
  for (const profile of dataset.world.itemProfiles) await items.write(JSON.stringify(profile));
  await items.close();

  const events = new LineWriter(join(outDir, 'events.jsonl'));
  const contextJson = new Map<string, string>();
  let clicks = 0;
  for (const sample of dataset.samples()) {
    clicks += sample.label;
    const flushing = events.write(syntheticEventJson(sample, contextJson));
    if (flushing) await flushing;
    if (onProgress && (sample.index + 1) % progressEvery === 0) onProgress(sample.index + 1);
  }
  await events.close();

  const manifest: TmrmDatasetManifest = {
    ...TMRM_DATASET_MANIFEST,
    name: `synthetic-seed-${dataset.truth.options.seed}`,
    labelled: true,
  };
  await writeFile(join(outDir, 'dataset.json'), JSON.stringify(manifest, null, 2) + '\n');
  await writeFile(join(outDir, 'truth.json'), JSON.stringify(dataset.truth, null, 2) + '\n');
  return {
    outDir,
    users: dataset.world.userProfiles.length,
    items: dataset.world.itemProfiles.length,
    events: events.linesWritten,
    clicks,
    files: ['users.jsonl', 'items.jsonl', 'events.jsonl', 'dataset.json', 'truth.json'],
  };
}

/**
 * The event as `JSON.stringify` would write it, built from a template: stringifying a million
 * nested objects took most of the generator's time. Ids, types and weekdays are plain ASCII
 * words needing no escaping; the 168 distinct contexts are stringified once and cached.
 */
export function syntheticEventJson(
  sample: SyntheticSample,
  contextJson: Map<string, string> = new Map(),
): string {
  const key = `${sample.context.categorical.weekday}${sample.context.numeric.hour}`;
  let context = contextJson.get(key);
  if (context === undefined) {
    context = JSON.stringify(sample.context);
    contextJson.set(key, context);
  }
  const eventType: InteractionEvent['eventType'] = sample.label === 1 ? 'click' : 'view';
  return (
    `{"eventId":"e${sample.index}","userId":"${sample.userId}","itemId":"${sample.itemId}",` +
    `"eventType":"${eventType}","value":null,"eventTimeMs":${sample.eventTimeMs},` +
    `"context":${context}}`
  );
}
