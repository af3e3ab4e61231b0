import type { ReadIssues } from '../io/read-issues';
import type { DatasetRecord } from './dataset-reader';
import { parseInteger, parseNumber } from './parse-fields';

/** What {@link movieLensRating} checks a ratings line against. */
export interface MovieLensRatingContext {
  /** The file the line comes from, named in issues (`ratings.csv`, `ratings.dat`). */
  file: string;
  /** Prefix of the event id, which is `${eventIdPrefix}:${lineNumber}`. */
  eventIdPrefix: string;
  /** Known user ids; null when the release has no user file, so any user id is accepted. */
  userIds: ReadonlySet<string> | null;
  itemIds: ReadonlySet<string>;
  issues: ReadIssues;
}

/**
 * One MovieLens ratings line, already split into `userId, movieId, rating, timestamp`, as an
 * implicit rating event, or null after reporting why the line was unusable: wrong field count,
 * a rating that is not a number, a bad timestamp (seconds), or an unknown user or item id.
 * The CSV releases and the `.dat` releases share this layout and differ only in the separator.
 */
export function movieLensRating(
  fields: readonly string[],
  lineNumber: number,
  context: MovieLensRatingContext,
): DatasetRecord | null {
  const { file, issues } = context;
  const rating = parseNumber(fields[2] ?? '');
  const seconds = parseInteger(fields[3] ?? '');
  if (fields.length !== 4) {
    issues.report(file, lineNumber, `expected 4 fields, found ${fields.length}`);
  } else if (rating === null) {
    issues.report(file, lineNumber, `rating ${JSON.stringify(fields[2])} is not a number`);
  } else if (seconds === null) {
    issues.report(file, lineNumber, `timestamp ${JSON.stringify(fields[3])} is invalid`);
  } else if (context.userIds !== null && !context.userIds.has(fields[0])) {
    issues.report(file, lineNumber, `unknown user id ${JSON.stringify(fields[0])}`);
  } else if (!context.itemIds.has(fields[1])) {
    issues.report(file, lineNumber, `unknown item id ${JSON.stringify(fields[1])}`);
  } else {
    return {
      kind: 'event',
      label: null,
      event: {
        eventId: `${context.eventIdPrefix}:${lineNumber}`,
        userId: fields[0],
        itemId: fields[1],
        eventType: 'rating',
        value: rating,
        eventTimeMs: seconds * 1000,
        context: null,
      },
    };
  }
  return null;
}
