import type { ItemProfile } from '../records';
import { yearFromTitle } from './parse-fields';

/** The ml-1m occupation codes (README of ml-1m), as labels. */
export const ML1M_OCCUPATIONS = [
  'other',
  'academic/educator',
  'artist',
  'clerical/admin',
  'college/grad student',
  'customer service',
  'doctor/health care',
  'executive/managerial',
  'farmer',
  'homemaker',
  'K-12 student',
  'lawyer',
  'programmer',
  'retired',
  'sales/marketing',
  'scientist',
  'self-employed',
  'technician/engineer',
  'tradesman/craftsman',
  'unemployed',
  'writer',
];

/** A MovieLens movie: genres split on `|` (without "(no genres listed)"), year from the title. */
export function movieProfile(movieId: string, title: string, genres: string): ItemProfile {
  const numeric: Record<string, number> = {};
  const year = yearFromTitle(title);
  if (year !== null) numeric.release_year = year;
  const genre = genres
    .split('|')
    .map((name) => name.trim())
    .filter((name) => name !== '' && name !== '(no genres listed)');
  return {
    itemId: movieId,
    features: { categorical: {}, numeric, multi: { genre } },
    updatedAtMs: 0,
  };
}
