import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { TmrmError } from '@tmrm/common';
import { readLines } from '../io/read-lines';
import type { ReadIssues } from '../io/read-issues';
import type { DatasetReader, DatasetRecord } from './dataset-reader';
import { parseInteger, parseNumber } from './parse-fields';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Reads MovieLens 100K (`u.genre`, `u.user`, `u.item`, `u.data`).
 *
 * Users: numeric `age`; categorical `gender`, `occupation` and `zip_prefix` (the first digit of
 * the ZIP code, the US postal region; non-US codes keep their first character). Items:
 * multi-valued `genre` from the 19 flags in the order of `u.genre`, numeric `release_year`
 * (missing when the release date is blank). Events: `rating` with the 1-5 rating as value.
 * GroupLens ships `u.item` in ISO-8859-1, so it is read as Latin-1; the other files must be UTF-8.
 */
export function movieLens100kReader(folder: string, issues: ReadIssues): DatasetReader {
  for (const file of ['u.genre', 'u.user', 'u.item', 'u.data']) {
    if (!existsSync(join(folder, file))) {
      throw new TmrmError(
        `ml-100k: ${join(folder, file)} does not exist; point --path at the unzipped ml-100k ` +
          'folder (tmrm data fetch ml-100k downloads it)',
      );
    }
  }

  async function* records(): AsyncGenerator<DatasetRecord> {
    const genres: string[] = [];
    for await (const { text, lineNumber } of readLines(join(folder, 'u.genre'), { issues })) {
      const [name, index] = text.split('|');
      if (parseInteger(index ?? '') !== genres.length || !name) {
        issues.report('u.genre', lineNumber, 'expected "name|index" with indices 0, 1, 2, ...');
        continue;
      }
      genres.push(name);
    }

    const userIds = new Set<string>();
    for await (const { text, lineNumber } of readLines(join(folder, 'u.user'), { issues })) {
      const fields = text.split('|');
      const age = parseInteger(fields[1] ?? '');
      if (fields.length !== 5) {
        issues.report('u.user', lineNumber, `expected 5 fields, found ${fields.length}`);
      } else if (age === null) {
        issues.report('u.user', lineNumber, `age ${JSON.stringify(fields[1])} is not an integer`);
      } else {
        const [userId, , gender, occupation, zip] = fields;
        userIds.add(userId);
        yield {
          kind: 'user',
          profile: {
            userId,
            features: {
              categorical: { gender, occupation, zip_prefix: zip.slice(0, 1) },
              numeric: { age },
              multi: {},
            },
            updatedAtMs: 0,
          },
        };
      }
    }

    const itemIds = new Set<string>();
    const itemFile = join(folder, 'u.item');
    for await (const { text, lineNumber } of readLines(itemFile, { issues, encoding: 'latin1' })) {
      const fields = text.split('|');
      if (fields.length !== 5 + genres.length) {
        const expected = 5 + genres.length;
        issues.report('u.item', lineNumber, `expected ${expected} fields, found ${fields.length}`);
        continue;
      }
      const flags = fields.slice(5);
      if (flags.some((flag) => flag !== '0' && flag !== '1')) {
        issues.report('u.item', lineNumber, 'genre flags must be 0 or 1');
        continue;
      }
      const numeric: Record<string, number> = {};
      const year = releaseYear(fields[2]);
      if (year !== null) numeric.release_year = year;
      itemIds.add(fields[0]);
      yield {
        kind: 'item',
        profile: {
          itemId: fields[0],
          features: {
            categorical: {},
            numeric,
            multi: { genre: genres.filter((_, g) => flags[g] === '1') },
          },
          updatedAtMs: 0,
        },
      };
    }

    for await (const { text, lineNumber } of readLines(join(folder, 'u.data'), { issues })) {
      const fields = text.split('\t');
      if (fields.length !== 4) {
        issues.report(
          'u.data',
          lineNumber,
          `expected 4 tab-separated fields, found ${fields.length}`,
        );
        continue;
      }
      const [userId, itemId, ratingText, secondsText] = fields;
      const rating = parseNumber(ratingText);
      const seconds = parseInteger(secondsText);
      if (rating === null) {
        issues.report('u.data', lineNumber, `rating ${JSON.stringify(ratingText)} is not a number`);
      } else if (seconds === null) {
        issues.report('u.data', lineNumber, `timestamp ${JSON.stringify(secondsText)} is invalid`);
      } else if (!userIds.has(userId)) {
        issues.report('u.data', lineNumber, `unknown user id ${JSON.stringify(userId)}`);
      } else if (!itemIds.has(itemId)) {
        issues.report('u.data', lineNumber, `unknown item id ${JSON.stringify(itemId)}`);
      } else {
        yield {
          kind: 'event',
          label: null,
          event: {
            eventId: `ml-100k:${lineNumber}`,
            userId,
            itemId,
            eventType: 'rating',
            value: rating,
            eventTimeMs: seconds * 1000,
            context: null,
          },
        };
      }
    }
  }

  return { name: 'ml-100k', labelled: false, issues, records };
}

/** The year of a `01-Jan-1995` release date, or null when blank or malformed. */
function releaseYear(date: string): number | null {
  const match = /^(\d{2})-([A-Z][a-z]{2})-(\d{4})$/.exec(date.trim());
  return match && MONTHS.includes(match[2]) ? Number(match[3]) : null;
}
