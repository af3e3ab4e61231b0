import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { collectRecords } from '../testing/collect-records';
import { withTemporaryFolder } from '../testing/temporary-folder';
import { openDataset } from './open-dataset';

const tsv = (rows: string[][]) => rows.map((row) => row.join('\t')).join('\n') + '\n';

test('hetrec-2k: movie side files become item features; dated ratings read as UTC', async (t) => {
  await withTemporaryFolder(async (folder) => {
    const movieHeader = ['id', 'title', 'imdbID', 'spanishTitle', 'imdbPictureURL', 'year'];
    await writeFile(
      join(folder, 'movies.dat'),
      tsv([
        [...movieHeader, ...Array.from({ length: 15 }, (_, i) => `rt${i}`)],
        [
          '1',
          'Toy story',
          '114709',
          'Toy story',
          'http://x',
          '1995',
          ...Array(11).fill('0'),
          '81',
          '0',
          '0',
          '0',
        ],
        ['2', 'Jumanji', '113497', 'Jumanji', 'http://x', '1995'],
      ]),
    );
    await writeFile(
      join(folder, 'movie_genres.dat'),
      tsv([
        ['movieID', 'genre'],
        ['1', 'Comedy'],
        ['1', 'Animation'],
        ['9', 'Drama'],
      ]),
    );
    await writeFile(
      join(folder, 'movie_directors.dat'),
      tsv([
        ['movieID', 'directorID', 'directorName'],
        ['1', 'john_lasseter', 'John Lasseter'],
      ]),
    );
    await writeFile(
      join(folder, 'movie_countries.dat'),
      tsv([
        ['movieID', 'country'],
        ['1', 'USA'],
        ['2', 'USA'],
      ]),
    );
    await writeFile(
      join(folder, 'movie_actors.dat'),
      tsv([
        ['movieID', 'actorID', 'actorName', 'ranking'],
        ['1', 'tom_hanks', 'Tom Hanks', '1'],
        ['1', 'tim_allen', 'Tim Allen', '2'],
        ['1', 'don_rickles', 'Don Rickles', '3'],
        ['1', 'jim_varney', 'Jim Varney', '4'],
      ]),
    );
    await writeFile(
      join(folder, 'tags.dat'),
      tsv([
        ['id', 'value'],
        ['7', 'pixar'],
      ]),
    );
    await writeFile(
      join(folder, 'movie_tags.dat'),
      tsv([
        ['movieID', 'tagID', 'tagWeight'],
        ['1', '7', '3'],
      ]),
    );
    await writeFile(
      join(folder, 'user_ratedmovies.dat'),
      tsv([
        [
          'userID',
          'movieID',
          'rating',
          'date_day',
          'date_month',
          'date_year',
          'date_hour',
          'date_minute',
          'date_second',
        ],
        ['75', '1', '3.5', '29', '10', '2006', '23', '17', '16'],
        ['75', '2', 'good', '29', '10', '2006', '23', '17', '16'],
        ['75', '3', '4', '29', '10', '2006', '23', '17', '16'],
        ['75', '2', '4'],
      ]),
    );
    const reader = openDataset({ dataset: 'hetrec-2k', path: folder });
    const { items, events } = await collectRecords(reader);
    t.deepEqual(items[0].features, {
      categorical: { director: 'john_lasseter', country: 'USA' },
      numeric: { year: 1995, rt_audience_score: 81 },
      multi: {
        genre: ['Comedy', 'Animation'],
        actor: ['tom_hanks', 'tim_allen', 'don_rickles'],
        tag: ['pixar'],
      },
    });
    t.is(events.length, 1);
    t.is(events[0].eventTimeMs, Date.UTC(2006, 9, 29, 23, 17, 16));
    t.deepEqual(
      reader.issues.examples.map((i) => `${i.file}:${i.line}: ${i.reason}`),
      [
        'user_ratedmovies.dat:3: rating "good" is not a number',
        'user_ratedmovies.dat:4: unknown item id "3"',
        'user_ratedmovies.dat:5: expected 9 tab-separated fields, found 3',
      ],
    );
  });
});
