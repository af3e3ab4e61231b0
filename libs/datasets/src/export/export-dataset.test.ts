import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { parseCsvLine } from '../io/parse-csv-line';
import { openDataset } from '../readers/open-dataset';
import { writeSyntheticDataset } from '../synthetic/write-synthetic-dataset';
import { writeMovieLens100kFixture } from '../testing/movielens-100k-fixture';
import { withTemporaryFolder } from '../testing/temporary-folder';
import { exportDataset } from './export-dataset';
import type { DatasetMapping } from './column-layout';

async function readCsv(path: string): Promise<{ header: string[]; rows: string[][] }> {
  const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
  return { header: parseCsvLine(lines[0])!, rows: lines.slice(1).map((l) => parseCsvLine(l)!) };
}

async function exportMl(folder: string, out: string, protocol = {}) {
  const reader = openDataset({ dataset: 'ml-100k', path: folder });
  return exportDataset({ reader, outDir: join(folder, out), protocol });
}

test('ml-100k export: header, mapping, 1 + N rows per positive, negatives never seen', async (t) => {
  await withTemporaryFolder(async (folder) => {
    await writeMovieLens100kFixture(folder);
    const summary = await exportMl(folder, 'out', { negativesPerPositive: 2, seed: 3 });
    t.is(summary.positives, 12);
    t.is(summary.negatives, 24);
    t.is(summary.rows.train + summary.rows.valid + summary.rows.test, 36);

    const mapping = JSON.parse(
      await readFile(join(folder, 'out', 'mapping.json'), 'utf8'),
    ) as DatasetMapping;
    t.deepEqual(mapping.categorical, ['user_id', 'gender', 'occupation', 'zip_prefix', 'item_id']);
    t.deepEqual(mapping.numeric, ['age', 'release_year', 'timestamp']);
    t.deepEqual(mapping.multiValued, {
      genre: { columns: ['genre=Action', 'genre=Drama', 'genre=unknown'] },
    });

    const seen = new Set(['1:1', '1:2', '1:3', '2:1', '2:4', '2:5', '3:2', '3:3', '3:6']);
    ['4:1', '4:4', '4:5'].forEach((pair) => seen.add(pair));
    let rows = 0;
    for (const split of ['train', 'valid', 'test']) {
      const { header, rows: body } = await readCsv(join(folder, 'out', `${split}.csv`));
      t.deepEqual(header, [
        'user_id',
        'gender',
        'occupation',
        'zip_prefix',
        'age',
        'item_id',
        'release_year',
        'genre=Action',
        'genre=Drama',
        'genre=unknown',
        'timestamp',
        'label',
      ]);
      for (const row of body) {
        rows++;
        t.is(row.length, header.length);
        const pair = `${row[0]}:${row[5]}`;
        t.is(seen.has(pair), row[11] === '1', `${pair} label ${row[11]}`);
      }
    }
    t.is(rows, 36);
    const train = await readFile(join(folder, 'out', 'train.csv'), 'utf8');
    t.regex(train, /^4,F,artist,T,33,/m);
  });
});

test('the same seed gives byte-identical exports, another seed other negatives', async (t) => {
  await withTemporaryFolder(async (folder) => {
    await writeMovieLens100kFixture(folder);
    await exportMl(folder, 'a', { seed: 9, negativesPerPositive: 1 });
    await exportMl(folder, 'b', { seed: 9, negativesPerPositive: 1 });
    await exportMl(folder, 'c', { seed: 10, negativesPerPositive: 1 });
    const files = ['train.csv', 'valid.csv', 'test.csv', 'mapping.json', 'export.json'];
    for (const file of files) {
      t.true(
        (await readFile(join(folder, 'a', file))).equals(await readFile(join(folder, 'b', file))),
      );
    }
    const all = async (dir: string) =>
      (
        await Promise.all(files.slice(0, 3).map((f) => readFile(join(folder, dir, f), 'utf8')))
      ).join();
    t.not(await all('a'), await all('c'));
  });
});

test('a rating threshold keeps only high ratings as positives', async (t) => {
  await withTemporaryFolder(async (folder) => {
    await writeMovieLens100kFixture(folder);
    const summary = await exportMl(folder, 'out', { ratingThreshold: 4, negativesPerPositive: 1 });
    t.is(summary.positives, 8);
    t.is(summary.eventsNotPositive, 4);
  });
});

test('leave-last puts each user last positive in test and the one before in valid', async (t) => {
  await withTemporaryFolder(async (folder) => {
    await writeMovieLens100kFixture(folder);
    await exportMl(folder, 'out', { split: 'leave-last', negativesPerPositive: 0 });
    const test = await readCsv(join(folder, 'out', 'test.csv'));
    const valid = await readCsv(join(folder, 'out', 'valid.csv'));
    t.deepEqual(test.rows.map((r) => `${r[0]}:${r[5]}`).sort(), ['1:3', '2:5', '3:6', '4:5']);
    t.deepEqual(valid.rows.map((r) => `${r[0]}:${r[5]}`).sort(), ['1:2', '2:4', '3:3', '4:4']);
  });
});

test('a time split puts the last share of the time range in test', async (t) => {
  await withTemporaryFolder(async (folder) => {
    await writeMovieLens100kFixture(folder);
    const summary = await exportMl(folder, 'out', {
      split: 'time',
      negativesPerPositive: 0,
      validFraction: 0.2,
      testFraction: 0.2,
    });
    // Times run 881250949..881250960 s (11 s): test starts at 960 - 2.2 = 957.8 (958, 959,
    // 960), valid at 955.6 (956, 957).
    t.deepEqual(summary.rows, { train: 7, valid: 2, test: 3 });
    const test = await readCsv(join(folder, 'out', 'test.csv'));
    t.deepEqual(
      test.rows.map((r) => r[10]),
      ['881250958000', '881250959000', '881250960000'],
    );
  });
});

test('labelled synthetic data is exported as it is, with context columns', async (t) => {
  await withTemporaryFolder(async (folder) => {
    const written = await writeSyntheticDataset({
      users: 30,
      items: 20,
      events: 400,
      seed: 2,
      outDir: join(folder, 'synth'),
    });
    const reader = openDataset({ dataset: 'tmrm', path: join(folder, 'synth') });
    const summary = await exportDataset({ reader, outDir: join(folder, 'out') });
    t.is(summary.rows.train + summary.rows.valid + summary.rows.test, 400);
    t.is(summary.positives, written.clicks);
    const { header } = await readCsv(join(folder, 'out', 'train.csv'));
    t.deepEqual(header, [
      'user_id',
      'device',
      'gender',
      'region',
      'age',
      'item_id',
      'brand',
      'category',
      'price_band',
      'release_year',
      'weekday',
      'hour',
      'timestamp',
      'label',
    ]);
  });
});
