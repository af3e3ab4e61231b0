import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { collectRecords } from '../testing/collect-records';
import { withTemporaryFolder } from '../testing/temporary-folder';
import { openDataset } from './open-dataset';

test('ml-latest CSV: quoted titles, genres, top tags, ratings, bad lines', async (t) => {
  await withTemporaryFolder(async (folder) => {
    await writeFile(
      join(folder, 'movies.csv'),
      [
        'movieId,title,genres',
        '1,Toy Story (1995),Adventure|Animation',
        '2,"American President, The (1995)",Comedy|Drama|Romance',
        '3,"Unclosed (2001),Drama',
        '',
      ].join('\n'),
    );
    await writeFile(
      join(folder, 'ratings.csv'),
      [
        'userId,movieId,rating,timestamp',
        '1,1,4.0,964982703',
        '1,2,3.5,964981247',
        '2,2,NaN,964982224',
        '2,1,4.0',
        '2,5,4.0,964982224',
        '',
      ].join('\n'),
    );
    await writeFile(
      join(folder, 'tags.csv'),
      [
        'userId,movieId,tag,timestamp',
        '1,1,Pixar,1',
        '2,1,pixar,2',
        '2,2,"politics, US",3',
        '3,2,rare,4',
        '',
      ].join('\n'),
    );
    const reader = openDataset({ dataset: 'ml-latest', path: folder });
    const { items, events } = await collectRecords(reader);
    t.is(items.length, 2);
    t.deepEqual(items[1].features, {
      categorical: {},
      numeric: { release_year: 1995 },
      multi: { genre: ['Comedy', 'Drama', 'Romance'], tag: ['politics, us', 'rare'] },
    });
    t.deepEqual(items[0].features.multi.tag, ['pixar']);
    t.is(events.length, 2);
    t.like(events[1], { userId: '1', itemId: '2', value: 3.5, eventTimeMs: 964981247000 });
    t.deepEqual(
      reader.issues.examples.map((i) => `${i.file}:${i.line}`),
      ['movies.csv:4', 'ratings.csv:4', 'ratings.csv:5', 'ratings.csv:6'],
    );
  });
});
