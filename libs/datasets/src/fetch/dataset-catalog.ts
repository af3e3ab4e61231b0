/** A file a fetched data set must contain, with its line count when it is known exactly. */
export interface ExpectedFile {
  path: string;
  lines?: number;
}

/** Where a public data set comes from, its terms, and what a good copy looks like. */
export interface CatalogEntry {
  name: string;
  /** Base URL of the official download; the archive is `baseUrl + archive`. */
  baseUrl?: string;
  archive?: string;
  /** Folder the archive unpacks to, relative to the target folder ('' for the folder itself). */
  folder: string;
  expected: ExpectedFile[];
  terms: string;
  /** When the data cannot be downloaded without a login: exactly how to get it. */
  manual?: string;
}

const GROUPLENS = 'https://files.grouplens.org/datasets/';
const GROUPLENS_TERMS =
  'GroupLens terms: research use, no redistribution; cite F. M. Harper and J. A. Konstan, ' +
  '"The MovieLens Datasets: History and Context", ACM TiiS 5(4), 2015.';

/**
 * The data sets `tmrm data fetch` knows. Line counts are the published sizes (ml-100k: 100,000
 * ratings by 943 users on 1,682 movies; ml-1m: 1,000,209 ratings, 6,040 users, 3,883 movies).
 * For HetRec only the files are checked: its sizes could not be verified offline.
 */
export const DATASET_CATALOG: Record<string, CatalogEntry> = {
  'ml-100k': {
    name: 'ml-100k',
    baseUrl: `${GROUPLENS}movielens/`,
    archive: 'ml-100k.zip',
    folder: 'ml-100k',
    expected: [
      { path: 'u.data', lines: 100_000 },
      { path: 'u.user', lines: 943 },
      { path: 'u.item', lines: 1682 },
      { path: 'u.genre' },
    ],
    terms: GROUPLENS_TERMS,
  },
  'ml-1m': {
    name: 'ml-1m',
    baseUrl: `${GROUPLENS}movielens/`,
    archive: 'ml-1m.zip',
    folder: 'ml-1m',
    expected: [
      { path: 'ratings.dat', lines: 1_000_209 },
      { path: 'users.dat', lines: 6040 },
      { path: 'movies.dat', lines: 3883 },
    ],
    terms: GROUPLENS_TERMS,
  },
  'hetrec-2k': {
    name: 'hetrec-2k',
    baseUrl: `${GROUPLENS}hetrec2011/`,
    archive: 'hetrec2011-movielens-2k-v2.zip',
    folder: '',
    expected: [
      { path: 'movies.dat' },
      { path: 'movie_genres.dat' },
      { path: 'user_ratedmovies.dat' },
    ],
    terms:
      'HetRec 2011 terms: research use; cite the HetRec 2011 workshop (RecSys 2011) and GroupLens.',
  },
  retailrocket: {
    name: 'retailrocket',
    folder: '',
    expected: [
      { path: 'events.csv' },
      { path: 'category_tree.csv' },
      { path: 'item_properties_part1.csv' },
      { path: 'item_properties_part2.csv' },
    ],
    terms: 'CC BY-NC-SA 4.0 (Retailrocket, via Kaggle).',
    manual:
      'RetailRocket is downloaded from Kaggle, which needs a login: sign in at ' +
      'https://www.kaggle.com/datasets/retailrocket/ecommerce-dataset, press Download, and unzip ' +
      'the archive into the target folder (or run `kaggle datasets download -d ' +
      'retailrocket/ecommerce-dataset --unzip -p DIR` with the Kaggle CLI and an API token). ' +
      'Then `tmrm data fetch retailrocket --dir DIR` checks the files.',
  },
};
