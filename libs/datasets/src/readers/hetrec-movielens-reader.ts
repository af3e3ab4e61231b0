import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readLines } from '../io/read-lines';
import type { ReadIssues } from '../io/read-issues';
import type { Features } from '../records';
import type { DatasetReader, DatasetRecord } from './dataset-reader';
import { parseInteger, parseNumber } from './parse-fields';
import { requireFiles } from './require-files';

/** Options of {@link hetrecMovieLensReader}. */
export interface HetrecOptions {
  /** Billed actors kept per movie (lowest `ranking` first) as the multi-valued `actor`. */
  actorsPerMovie?: number;
  /** Keep this many of the most used tags as the multi-valued `tag`. */
  maxTags?: number;
}

/**
 * Reads HetRec 2011 MovieLens-2k (the TMRM paper's movie data set), tab-separated with a header
 * line, ISO-8859-1. Items: numeric `year` and `rt_audience_score` from `movies.dat`; multi-valued
 * `genre` (`movie_genres.dat`), `actor` (top-billed, `movie_actors.dat`) and `tag` (most used,
 * `movie_tags.dat` + `tags.dat`); categorical `director` and `country`. Ratings come from
 * `user_ratedmovies-timestamps.dat` (epoch ms) or else `user_ratedmovies.dat` (date parts, read
 * as UTC). The data set has no user features.
 */
export function hetrecMovieLensReader(
  folder: string,
  issues: ReadIssues,
  options: HetrecOptions = {},
): DatasetReader {
  requireFiles(
    'hetrec-2k',
    folder,
    ['movies.dat'],
    'point --path at the unzipped hetrec2011-movielens-2k folder',
  );
  const timestamped = existsSync(join(folder, 'user_ratedmovies-timestamps.dat'));
  if (!timestamped)
    requireFiles('hetrec-2k', folder, ['user_ratedmovies.dat'], 'the ratings file is missing');
  const actorsPerMovie = options.actorsPerMovie ?? 3;
  const maxTags = options.maxTags ?? 20;

  const rows = async function* (file: string, columns: number) {
    const path = join(folder, file);
    if (!existsSync(path)) return;
    for await (const { text, lineNumber } of readLines(path, {
      issues,
      encoding: 'latin1',
      skipLines: 1,
    })) {
      const fields = text.split('\t');
      if (fields.length < columns) {
        issues.report(
          file,
          lineNumber,
          `expected ${columns} tab-separated fields, found ${fields.length}`,
        );
      } else yield { fields, lineNumber };
    }
  };

  async function* records(): AsyncGenerator<DatasetRecord> {
    const features = new Map<string, Features>();
    const featuresOf = (movie: string) => {
      let found = features.get(movie);
      if (!found) features.set(movie, (found = { categorical: {}, numeric: {}, multi: {} }));
      return found;
    };
    const movieOrder: string[] = [];
    for await (const { fields } of rows('movies.dat', 6)) {
      const movie = fields[0];
      movieOrder.push(movie);
      const f = featuresOf(movie);
      const year = parseInteger(fields[5]);
      if (year !== null) f.numeric.year = year;
      const audience = parseNumber(fields[17] ?? '');
      if (audience !== null) f.numeric.rt_audience_score = audience;
    }
    const known = new Set(movieOrder);
    for await (const { fields } of rows('movie_genres.dat', 2)) {
      if (known.has(fields[0])) (featuresOf(fields[0]).multi.genre ??= []).push(fields[1]);
    }
    for await (const { fields } of rows('movie_directors.dat', 2)) {
      if (known.has(fields[0])) featuresOf(fields[0]).categorical.director ??= fields[1];
    }
    for await (const { fields } of rows('movie_countries.dat', 2)) {
      if (known.has(fields[0]) && fields[1])
        featuresOf(fields[0]).categorical.country ??= fields[1];
    }
    const billing = new Map<string, { actor: string; ranking: number }[]>();
    for await (const { fields } of rows('movie_actors.dat', 4)) {
      if (!known.has(fields[0])) continue;
      const list = billing.get(fields[0]) ?? [];
      list.push({ actor: fields[1], ranking: parseInteger(fields[3]) ?? Infinity });
      billing.set(fields[0], list);
    }
    for (const [movie, list] of billing) {
      list.sort((a, b) => a.ranking - b.ranking || (a.actor < b.actor ? -1 : 1));
      featuresOf(movie).multi.actor = list.slice(0, actorsPerMovie).map((entry) => entry.actor);
    }
    await addTopTags(rows, known, featuresOf, maxTags);

    for (const movie of movieOrder) {
      yield {
        kind: 'item',
        profile: { itemId: movie, features: featuresOf(movie), updatedAtMs: 0 },
      };
    }

    const ratingsFile = timestamped ? 'user_ratedmovies-timestamps.dat' : 'user_ratedmovies.dat';
    for await (const { fields, lineNumber } of rows(ratingsFile, timestamped ? 4 : 9)) {
      const rating = parseNumber(fields[2]);
      const timeMs = timestamped ? parseInteger(fields[3]) : dateTimeMs(fields.slice(3, 9));
      if (rating === null) {
        issues.report(
          ratingsFile,
          lineNumber,
          `rating ${JSON.stringify(fields[2])} is not a number`,
        );
      } else if (timeMs === null) {
        issues.report(ratingsFile, lineNumber, 'the time is invalid');
      } else if (!known.has(fields[1])) {
        issues.report(ratingsFile, lineNumber, `unknown item id ${JSON.stringify(fields[1])}`);
      } else {
        yield {
          kind: 'event',
          label: null,
          event: {
            eventId: `hetrec-2k:${lineNumber}`,
            userId: fields[0],
            itemId: fields[1],
            eventType: 'rating',
            value: rating,
            eventTimeMs: timeMs,
            context: null,
          },
        };
      }
    }
  }

  return { name: 'hetrec-2k', labelled: false, issues, records };
}

type Rows = (
  file: string,
  columns: number,
) => AsyncGenerator<{ fields: string[]; lineNumber: number }>;

async function addTopTags(
  rows: Rows,
  known: Set<string>,
  featuresOf: (movie: string) => Features,
  maxTags: number,
): Promise<void> {
  if (maxTags === 0) return;
  const names = new Map<string, string>();
  for await (const { fields } of rows('tags.dat', 2)) names.set(fields[0], fields[1]);
  const usage = new Map<string, number>();
  const tagged: [string, string][] = [];
  for await (const { fields } of rows('movie_tags.dat', 3)) {
    if (!known.has(fields[0])) continue;
    const tag = names.get(fields[1]) ?? fields[1];
    usage.set(tag, (usage.get(tag) ?? 0) + (parseNumber(fields[2]) ?? 1));
    tagged.push([fields[0], tag]);
  }
  const kept = new Set(
    [...usage]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, maxTags)
      .map(([tag]) => tag),
  );
  for (const [movie, tag] of tagged) {
    if (kept.has(tag)) (featuresOf(movie).multi.tag ??= []).push(tag);
  }
}

/** Day, month, year, hour, minute, second (UTC) to epoch ms; null if any part is invalid. */
function dateTimeMs(parts: string[]): number | null {
  const numbers = parts.map(parseInteger);
  if (numbers.length !== 6 || numbers.some((part) => part === null)) return null;
  const [day, month, year, hour, minute, second] = numbers as number[];
  return Date.UTC(year, month - 1, day, hour, minute, second);
}
