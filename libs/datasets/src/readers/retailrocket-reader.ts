import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readLines } from '../io/read-lines';
import type { ReadIssues } from '../io/read-issues';
import type { EventType } from '../records';
import type { DatasetReader, DatasetRecord } from './dataset-reader';
import { parseInteger } from './parse-fields';
import { requireFiles } from './require-files';

const EVENT_TYPES: Record<string, EventType> = {
  view: 'view',
  addtocart: 'add_to_cart',
  transaction: 'purchase',
};

/**
 * Reads the RetailRocket e-commerce data set (the TMRM paper's retail data set): `events.csv`
 * (view, addtocart, transaction as `view`, `add_to_cart`, `purchase`), the time-versioned
 * `item_properties_part*.csv` and `category_tree.csv`.
 *
 * Item profiles keep, per item, the latest value of the two readable properties: `categoryid`
 * (categorical `category`, with `parent_category` and `root_category` from the tree) and
 * `available` (numeric 0/1); the other properties are hashed by the publisher and left out.
 * Taking the latest version means an offline export sees an item's final category, not the one
 * it had at event time. Items without properties have no profile; visitors have no features.
 */
export function retailRocketReader(folder: string, issues: ReadIssues): DatasetReader {
  requireFiles('retailrocket', folder, ['events.csv'], 'see `tmrm data fetch retailrocket`');

  async function* records(): AsyncGenerator<DatasetRecord> {
    const parents = new Map<string, string>();
    const treePath = join(folder, 'category_tree.csv');
    if (existsSync(treePath)) {
      for await (const { text, lineNumber } of readLines(treePath, { issues, skipLines: 1 })) {
        const [category, parent, extra] = text.split(',');
        if (extra !== undefined || !category) {
          issues.report('category_tree.csv', lineNumber, 'expected categoryid,parentid');
        } else if (parent) parents.set(category, parent);
      }
    }

    const latest = new Map<string, { category?: [number, string]; available?: [number, number] }>();
    const propertyFiles = readdirSync(folder)
      .filter((file) => /^item_properties_part\d*\.csv$/.test(file))
      .sort();
    for (const file of propertyFiles) {
      for await (const { text, lineNumber } of readLines(join(folder, file), {
        issues,
        skipLines: 1,
      })) {
        const fields = text.split(',');
        const timeMs = parseInteger(fields[0] ?? '');
        if (fields.length < 4 || timeMs === null) {
          issues.report(file, lineNumber, 'expected timestamp,itemid,property,value');
          continue;
        }
        const [, item, property] = fields;
        const value = fields.slice(3).join(',');
        if (property !== 'categoryid' && property !== 'available') continue;
        let entry = latest.get(item);
        if (!entry) latest.set(item, (entry = {}));
        if (property === 'categoryid') {
          if (!entry.category || entry.category[0] <= timeMs) entry.category = [timeMs, value];
        } else if (!entry.available || entry.available[0] <= timeMs) {
          entry.available = [timeMs, value === '1' ? 1 : 0];
        }
      }
    }
    for (const [itemId, entry] of latest) {
      const categorical: Record<string, string> = {};
      if (entry.category) {
        const chain = ancestors(entry.category[1], parents);
        categorical.category = entry.category[1];
        if (chain.length > 1) categorical.parent_category = chain[1];
        categorical.root_category = chain[chain.length - 1];
      }
      const numeric: Record<string, number> = {};
      if (entry.available) numeric.available = entry.available[1];
      const updatedAtMs = Math.max(entry.category?.[0] ?? 0, entry.available?.[0] ?? 0);
      yield {
        kind: 'item',
        profile: { itemId, features: { categorical, numeric, multi: {} }, updatedAtMs },
      };
    }

    for await (const { text, lineNumber } of readLines(join(folder, 'events.csv'), {
      issues,
      skipLines: 1,
    })) {
      const fields = text.split(',');
      const timeMs = parseInteger(fields[0] ?? '');
      const eventType = EVENT_TYPES[fields[2]];
      if (fields.length !== 5) {
        issues.report('events.csv', lineNumber, `expected 5 fields, found ${fields.length}`);
      } else if (timeMs === null) {
        issues.report(
          'events.csv',
          lineNumber,
          `timestamp ${JSON.stringify(fields[0])} is invalid`,
        );
      } else if (!eventType) {
        issues.report('events.csv', lineNumber, `unknown event ${JSON.stringify(fields[2])}`);
      } else if (!fields[1] || !fields[3]) {
        issues.report('events.csv', lineNumber, 'visitorid and itemid must not be empty');
      } else {
        yield {
          kind: 'event',
          label: null,
          event: {
            eventId: `retailrocket:${lineNumber}`,
            userId: fields[1],
            itemId: fields[3],
            eventType,
            value: null,
            eventTimeMs: timeMs,
            context: null,
          },
        };
      }
    }
  }

  return { name: 'retailrocket', labelled: false, issues, records };
}

/** The category and its ancestors up to the root, stopping at a cycle. */
function ancestors(category: string, parents: Map<string, string>): string[] {
  const chain = [category];
  let parent = parents.get(category);
  while (parent !== undefined && !chain.includes(parent)) {
    chain.push(parent);
    parent = parents.get(parent);
  }
  return chain;
}
