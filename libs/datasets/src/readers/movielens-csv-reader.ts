import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsvLine } from '../io/parse-csv-line';
import { readLines } from '../io/read-lines';
import type { ReadIssues } from '../io/read-issues';
import type { DatasetReader, DatasetRecord } from './dataset-reader';
import { movieLensRating } from './movielens-rating';
import { movieProfile } from './movielens-shared';
import { requireFiles } from './require-files';

/** Options of {@link movieLensCsvReader}. */
export interface MovieLensCsvOptions {
  /** Keep this many of the most frequent tags (lower-cased) as the multi-valued `tag`. */
  maxTags?: number;
}

/**
 * Reads the CSV releases of MovieLens (ml-latest, ml-latest-small, ml-20m, ml-25m, ml-32m):
 * `movies.csv` (multi-valued `genre`, `release_year` from the title), `ratings.csv`, and
 * `tags.csv` when present: the most frequent tags (default 20) become the item's multi-valued
 * `tag` feature, because the full free-text vocabulary would be one column per word. Users
 * have no profiles in these releases; ratings naming an unknown movie are issues.
 */
export function movieLensCsvReader(
  folder: string,
  issues: ReadIssues,
  options: MovieLensCsvOptions = {},
): DatasetReader {
  requireFiles(
    'ml-latest',
    folder,
    ['movies.csv', 'ratings.csv'],
    'point --path at the unzipped folder',
  );
  const maxTags = options.maxTags ?? 20;

  async function* records(): AsyncGenerator<DatasetRecord> {
    const tagsByMovie = await readTopTags(join(folder, 'tags.csv'), maxTags, issues);
    const itemIds = new Set<string>();
    for await (const { text, lineNumber } of readLines(join(folder, 'movies.csv'), {
      issues,
      skipLines: 1,
    })) {
      const fields = parseCsvLine(text);
      if (!fields || fields.length !== 3) {
        issues.report('movies.csv', lineNumber, 'expected 3 fields: movieId,title,genres');
        continue;
      }
      const profile = movieProfile(fields[0], fields[1], fields[2]);
      const tags = tagsByMovie.get(fields[0]);
      if (tags) profile.features.multi.tag = [...tags].sort();
      itemIds.add(fields[0]);
      yield { kind: 'item', profile };
    }

    const ratingContext = {
      file: 'ratings.csv',
      eventIdPrefix: 'ratings.csv',
      userIds: null,
      itemIds,
      issues,
    };
    for await (const { text, lineNumber } of readLines(join(folder, 'ratings.csv'), {
      issues,
      skipLines: 1,
    })) {
      const rating = movieLensRating(text.split(','), lineNumber, ratingContext);
      if (rating) yield rating;
    }
  }

  return { name: 'ml-latest', labelled: false, issues, records };
}

/** Movie id to the set of its tags among the `maxTags` most frequent ones overall. */
async function readTopTags(
  path: string,
  maxTags: number,
  issues: ReadIssues,
): Promise<Map<string, Set<string>>> {
  const byMovie = new Map<string, Set<string>>();
  if (!existsSync(path) || maxTags === 0) return byMovie;
  const counts = new Map<string, number>();
  for await (const { text, lineNumber } of readLines(path, { issues, skipLines: 1 })) {
    const fields = parseCsvLine(text);
    if (!fields || fields.length !== 4) {
      issues.report('tags.csv', lineNumber, 'expected 4 fields: userId,movieId,tag,timestamp');
      continue;
    }
    const tag = fields[2].trim().toLowerCase();
    if (tag === '') continue;
    counts.set(tag, (counts.get(tag) ?? 0) + 1);
    let tags = byMovie.get(fields[1]);
    if (!tags) byMovie.set(fields[1], (tags = new Set()));
    tags.add(tag);
  }
  const kept = new Set(
    [...counts]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, maxTags)
      .map(([tag]) => tag),
  );
  for (const [movie, tags] of byMovie) {
    const filtered = new Set([...tags].filter((tag) => kept.has(tag)));
    if (filtered.size > 0) byMovie.set(movie, filtered);
    else byMovie.delete(movie);
  }
  return byMovie;
}
