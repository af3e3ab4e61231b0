import { basename } from 'node:path';
import { parseCsvLine } from '../io/parse-csv-line';
import { readLines } from '../io/read-lines';
import { ReadIssues } from '../io/read-issues';
import type { Features } from '../records';
import type { DatasetReader, DatasetRecord } from './dataset-reader';
import { parseNumber } from './parse-fields';
import type { TableMapping } from './table-mapping';

type Row = (column: string) => unknown;

/**
 * Reads a generic CSV, TSV or JSONL file described by a {@link TableMapping}. Features named in
 * `userFeatures` / `itemFeatures` become profiles (the latest row's values win, read in a first
 * pass so profiles can come before events); all other features are the event's context.
 * A row with a missing id, a non-numeric numeric value, a bad label or time is an issue.
 */
export function tableReader(
  format: 'csv' | 'tsv' | 'jsonl',
  path: string,
  mapping: TableMapping,
  issues: ReadIssues,
): DatasetReader {
  const file = basename(path);
  const userFeatures = new Set(mapping.userFeatures ?? []);
  const itemFeatures = new Set(mapping.itemFeatures ?? []);
  const needsProfiles = userFeatures.size + itemFeatures.size > 0;

  async function* rows(report: boolean): AsyncGenerator<{ row: Row; lineNumber: number }> {
    // The profile pass skips bad rows silently: the event pass reports each one once.
    const quiet = report ? issues : new ReadIssues();
    if (format === 'jsonl') {
      for await (const { text, lineNumber } of readLines(path, { issues: quiet })) {
        try {
          const object = JSON.parse(text) as Record<string, unknown>;
          if (typeof object !== 'object' || object === null || Array.isArray(object))
            throw new Error('not an object');
          yield { row: (column) => object[column], lineNumber };
        } catch (error) {
          quiet.report(file, lineNumber, `not a JSON object: ${(error as Error).message}`);
        }
      }
      return;
    }
    const delimiter = mapping.delimiter ?? (format === 'tsv' ? '\t' : ',');
    let names = mapping.header === false ? (mapping.columns ?? []) : null;
    let index = new Map((names ?? []).map((name, i) => [name, i]));
    for await (const { text, lineNumber } of readLines(path, { issues: quiet })) {
      const cells = parseCsvLine(text, delimiter);
      if (!cells) {
        quiet.report(file, lineNumber, 'a quoted field is not closed');
      } else if (names === null) {
        names = cells;
        index = new Map(names.map((name, i) => [name, i]));
      } else if (cells.length !== names.length) {
        quiet.report(file, lineNumber, `expected ${names.length} columns, found ${cells.length}`);
      } else {
        yield {
          row: (column) => {
            const i = index.get(column);
            return i === undefined ? undefined : cells[i];
          },
          lineNumber,
        };
      }
    }
  }

  async function* records(): AsyncGenerator<DatasetRecord> {
    if (needsProfiles) {
      const users = new Map<string, Features>();
      const items = new Map<string, Features>();
      for await (const { row } of rows(false)) {
        const features = extract(row, mapping);
        if (typeof features === 'string') continue;
        const user = text(row(mapping.user));
        const item = text(row(mapping.item));
        if (user) users.set(user, pick(features, userFeatures));
        if (item) items.set(item, pick(features, itemFeatures));
      }
      for (const [userId, features] of users)
        yield { kind: 'user', profile: { userId, features, updatedAtMs: 0 } };
      for (const [itemId, features] of items)
        yield { kind: 'item', profile: { itemId, features, updatedAtMs: 0 } };
    }

    for await (const { row, lineNumber } of rows(true)) {
      const userId = text(row(mapping.user));
      const itemId = text(row(mapping.item));
      if (!userId || !itemId) {
        issues.report(
          file,
          lineNumber,
          `the user (${mapping.user}) or item (${mapping.item}) is empty`,
        );
        continue;
      }
      let label: 0 | 1 | null = null;
      if (mapping.label !== undefined) {
        const value = parseNumber(text(row(mapping.label)));
        if (value === null) {
          issues.report(
            file,
            lineNumber,
            `label ${JSON.stringify(row(mapping.label))} is not a number`,
          );
          continue;
        }
        label = value > 0 ? 1 : 0;
      }
      let eventTimeMs = lineNumber;
      if (mapping.time !== undefined) {
        const time = parseNumber(text(row(mapping.time)));
        if (time === null) {
          issues.report(
            file,
            lineNumber,
            `time ${JSON.stringify(row(mapping.time))} is not a number`,
          );
          continue;
        }
        eventTimeMs = mapping.timeUnit === 's' ? time * 1000 : time;
      }
      const features = extract(row, mapping);
      if (typeof features === 'string') {
        issues.report(file, lineNumber, features);
        continue;
      }
      const context = omit(features, new Set([...userFeatures, ...itemFeatures]));
      yield {
        kind: 'event',
        label,
        event: {
          eventId: `${file}:${lineNumber}`,
          userId,
          itemId,
          eventType: label === null ? 'click' : label === 1 ? 'click' : 'view',
          value: null,
          eventTimeMs,
          context,
        },
      };
    }
  }

  return { name: format, labelled: mapping.label !== undefined, issues, records };
}

function text(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

/** The row's features, or a message saying which column was wrong. */
function extract(row: Row, mapping: TableMapping): Features | string {
  const features: Features = { categorical: {}, numeric: {}, multi: {} };
  for (const column of mapping.categorical ?? []) {
    const value = text(row(column));
    if (value !== '') features.categorical[column] = value;
  }
  for (const column of mapping.numeric ?? []) {
    const raw = text(row(column));
    if (raw === '') continue;
    const value = parseNumber(raw);
    if (value === null) return `numeric column ${column} holds ${JSON.stringify(raw)}`;
    features.numeric[column] = value;
  }
  for (const [name, group] of Object.entries(mapping.multiValued ?? {})) {
    if (group.columns) {
      features.multi[name] = group.columns
        .filter((column) => ['1', 'true', '1.0'].includes(text(row(column)).trim()))
        .map((column) => (column.includes('=') ? column.slice(column.indexOf('=') + 1) : column));
    } else if (group.column) {
      const value = row(group.column);
      const list = Array.isArray(value)
        ? value.map(String)
        : text(value).split(group.separator ?? '|');
      features.multi[name] = list.map((v) => v.trim()).filter((v) => v !== '');
    }
  }
  return features;
}

function pick(features: Features, names: Set<string>): Features {
  return filterFeatures(features, (name) => names.has(name));
}

function omit(features: Features, names: Set<string>): Features {
  return filterFeatures(features, (name) => !names.has(name));
}

function filterFeatures(features: Features, keep: (name: string) => boolean): Features {
  const filter = <V>(record: Record<string, V>) =>
    Object.fromEntries(Object.entries(record).filter(([name]) => keep(name)));
  return {
    categorical: filter(features.categorical),
    numeric: filter(features.numeric),
    multi: filter(features.multi),
  };
}
