import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readLines } from '../io/read-lines';
import type { ReadIssues } from '../io/read-issues';
import type { DatasetReader, DatasetRecord } from './dataset-reader';
import { movieLensRating } from './movielens-rating';
import { ML1M_OCCUPATIONS, movieProfile } from './movielens-shared';
import { parseInteger } from './parse-fields';
import { requireFiles } from './require-files';

/**
 * Reads MovieLens 1M and 10M (`::`-separated `.dat` files): `users.dat` when present (ml-1m:
 * gender, age group as numeric `age` = the group's lower bound, occupation label, `zip_prefix`),
 * `movies.dat` (multi-valued `genre`, `release_year` from the title) and `ratings.dat`.
 * ml-1m ships its titles in ISO-8859-1, so `movies.dat` is read as Latin-1 for it. ml-10m has
 * no user file: its users have no profiles, and only item ids are checked.
 */
export function movieLensDatReader(
  name: 'ml-1m' | 'ml-10m',
  folder: string,
  issues: ReadIssues,
): DatasetReader {
  requireFiles(
    name,
    folder,
    ['movies.dat', 'ratings.dat'],
    `point --path at the unzipped ${name} folder`,
  );
  const hasUsers = existsSync(join(folder, 'users.dat'));

  async function* records(): AsyncGenerator<DatasetRecord> {
    const userIds = new Set<string>();
    if (hasUsers) {
      for await (const { text, lineNumber } of readLines(join(folder, 'users.dat'), { issues })) {
        const fields = text.split('::');
        const age = parseInteger(fields[2] ?? '');
        const occupation = parseInteger(fields[3] ?? '');
        if (fields.length !== 5) {
          issues.report('users.dat', lineNumber, `expected 5 fields, found ${fields.length}`);
        } else if (age === null || occupation === null) {
          issues.report('users.dat', lineNumber, 'age and occupation must be integer codes');
        } else {
          userIds.add(fields[0]);
          yield {
            kind: 'user',
            profile: {
              userId: fields[0],
              features: {
                categorical: {
                  gender: fields[1],
                  occupation: ML1M_OCCUPATIONS[occupation] ?? String(occupation),
                  zip_prefix: fields[4].slice(0, 1),
                },
                numeric: { age },
                multi: {},
              },
              updatedAtMs: 0,
            },
          };
        }
      }
    }

    const itemIds = new Set<string>();
    const encoding = name === 'ml-1m' ? 'latin1' : 'utf-8';
    for await (const { text, lineNumber } of readLines(join(folder, 'movies.dat'), {
      issues,
      encoding,
    })) {
      const fields = text.split('::');
      if (fields.length !== 3) {
        issues.report('movies.dat', lineNumber, `expected 3 fields, found ${fields.length}`);
        continue;
      }
      itemIds.add(fields[0]);
      yield { kind: 'item', profile: movieProfile(fields[0], fields[1], fields[2]) };
    }

    const ratingContext = {
      file: 'ratings.dat',
      eventIdPrefix: name,
      userIds: hasUsers ? userIds : null,
      itemIds,
      issues,
    };
    for await (const { text, lineNumber } of readLines(join(folder, 'ratings.dat'), { issues })) {
      const rating = movieLensRating(text.split('::'), lineNumber, ratingContext);
      if (rating) yield rating;
    }
  }

  return { name, labelled: false, issues, records };
}
