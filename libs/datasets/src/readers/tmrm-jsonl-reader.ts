import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { codecFor, type RecordCodec } from '@tmrm/schemas';
import { readLines } from '../io/read-lines';
import type { ReadIssues } from '../io/read-issues';
import type { ItemProfile, UserProfile } from '../records';
import type { DatasetReader, DatasetRecord } from './dataset-reader';
import { TMRM_DATASET_MANIFEST, type TmrmDatasetManifest } from './tmrm-manifest';

/**
 * Reads a data set in tmrm's own JSONL layout (what `tmrm synth` writes): `users.jsonl`,
 * `items.jsonl` and `events.jsonl`, one record per line in the @tmrm/schemas JSON form, with an
 * optional `dataset.json` manifest. Every line is validated by the schemas codec; a line that
 * fails, or an event naming a user or item without a profile, is an issue.
 */
export function tmrmJsonlReader(folder: string, issues: ReadIssues): DatasetReader {
  const manifestPath = join(folder, 'dataset.json');
  const manifest: TmrmDatasetManifest = existsSync(manifestPath)
    ? { ...TMRM_DATASET_MANIFEST, ...JSON.parse(readFileSync(manifestPath, 'utf8')) }
    : TMRM_DATASET_MANIFEST;

  async function* records(): AsyncGenerator<DatasetRecord> {
    const userIds = new Set<string>();
    const itemIds = new Set<string>();
    const usersPath = join(folder, manifest.files.users);
    if (existsSync(usersPath)) {
      for await (const { value } of jsonRecords(usersPath, codecFor('UserProfile'), issues)) {
        userIds.add(value.userId);
        yield { kind: 'user', profile: value as UserProfile };
      }
    }
    const itemsPath = join(folder, manifest.files.items);
    if (existsSync(itemsPath)) {
      for await (const { value } of jsonRecords(itemsPath, codecFor('ItemProfile'), issues)) {
        itemIds.add(value.itemId);
        yield { kind: 'item', profile: value as ItemProfile };
      }
    }
    const eventsFile = manifest.files.events;
    const events = jsonRecords(join(folder, eventsFile), codecFor('InteractionEvent'), issues);
    for await (const { value, lineNumber } of events) {
      if (userIds.size > 0 && !userIds.has(value.userId)) {
        issues.report(eventsFile, lineNumber, `unknown user id ${JSON.stringify(value.userId)}`);
      } else if (itemIds.size > 0 && !itemIds.has(value.itemId)) {
        issues.report(eventsFile, lineNumber, `unknown item id ${JSON.stringify(value.itemId)}`);
      } else {
        const label = manifest.labelled ? (value.eventType === 'click' ? 1 : 0) : null;
        yield { kind: 'event', event: value, label };
      }
    }
  }

  return { name: 'tmrm', labelled: manifest.labelled, issues, records };
}

/** Parses and validates each JSONL line, yielding the record with its line number. */
async function* jsonRecords<T>(
  path: string,
  codec: RecordCodec<T>,
  issues: ReadIssues,
): AsyncGenerator<{ value: T; lineNumber: number }> {
  const file = basename(path);
  for await (const { text, lineNumber } of readLines(path, { issues })) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      issues.report(file, lineNumber, `not JSON: ${(error as Error).message}`);
      continue;
    }
    try {
      const value = codec.fromJson(parsed);
      yield { value, lineNumber };
    } catch (error) {
      issues.report(file, lineNumber, (error as Error).message);
    }
  }
}
