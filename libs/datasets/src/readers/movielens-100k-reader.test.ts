import test from 'ava';
import { DatasetFormatError } from '../io/read-issues';
import { collectRecords } from '../testing/collect-records';
import { writeMovieLens100kFixture } from '../testing/movielens-100k-fixture';
import { withTemporaryFolder } from '../testing/temporary-folder';
import { openDataset } from './open-dataset';

test('reads users, items with multi-valued genres, and ratings', async (t) => {
  await withTemporaryFolder(async (folder) => {
    await writeMovieLens100kFixture(folder);
    const { users, items, events } = await collectRecords(
      openDataset({ dataset: 'ml-100k', path: folder }),
    );
    t.is(users.length, 4);
    t.deepEqual(users[0].features, {
      categorical: { gender: 'M', occupation: 'technician', zip_prefix: '8' },
      numeric: { age: 24 },
      multi: {},
    });
    t.is(items.length, 6);
    t.deepEqual(items[1].features.multi, { genre: ['Action', 'Drama'] });
    t.deepEqual(items[1].features.numeric, { release_year: 1995 });
    t.deepEqual(items[5].features.numeric, {}, 'a blank release date is missing, not 0');
    t.is(events.length, 12);
    t.like(events[0], { userId: '1', itemId: '1', eventType: 'rating', value: 5 });
    t.is(events[0].eventTimeMs, 881250949000);
  });
});

const malformedData = [
  '1\t1\t5\t881250949',
  '1\t2\t3', // wrong column count
  '1\t3\tfive\t881250951', // non-numeric rating
  Buffer.from([0x31, 0x09, 0x34, 0xff, 0xfe, 0x09, 0x34, 0x09, 0x31]), // invalid UTF-8
  '99\t1\t4\t881250952', // unknown user
  '2\t77\t4\t881250953', // unknown item
  '2\t4\t2\t881250954',
];

test('malformed lines are skipped and counted, each named by file and line', async (t) => {
  await withTemporaryFolder(async (folder) => {
    await writeMovieLens100kFixture(folder, { data: malformedData });
    const reader = openDataset({ dataset: 'ml-100k', path: folder });
    const { events } = await collectRecords(reader);
    t.is(events.length, 2);
    t.is(reader.issues.count, 5);
    t.deepEqual(
      reader.issues.examples.map((issue) => `${issue.file}:${issue.line}: ${issue.reason}`),
      [
        'u.data:2: expected 4 tab-separated fields, found 3',
        'u.data:3: rating "five" is not a number',
        'u.data:4: the line is not valid UTF-8',
        'u.data:5: unknown user id "99"',
        'u.data:6: unknown item id "77"',
      ],
    );
    t.deepEqual(reader.issues.summary(), [
      'u.data: 5 bad lines skipped (first: line 2: expected 4 tab-separated fields, found 3)',
    ]);
  });
});

test('strict mode stops at the first bad line with its file and line', async (t) => {
  await withTemporaryFolder(async (folder) => {
    await writeMovieLens100kFixture(folder, { data: malformedData });
    const reader = openDataset({ dataset: 'ml-100k', path: folder, strict: true });
    const error = await t.throwsAsync(collectRecords(reader), { instanceOf: DatasetFormatError });
    t.is(error?.file, 'u.data');
    t.is(error?.line, 2);
    t.regex(error?.message ?? '', /^u\.data:2: expected 4 tab-separated fields, found 3/);
  });
});

test('bad profile lines are reported too, and a missing file is a clear error', async (t) => {
  await withTemporaryFolder(async (folder) => {
    await writeMovieLens100kFixture(folder, {
      user: ['1|24|M|technician|85711', '2|old|F|other|94043', '3|23|M'],
      item: ['1|Toy Story (1995)|01-Jan-1995||http://x|0|1|0', '2|Short|x'],
    });
    const reader = openDataset({ dataset: 'ml-100k', path: folder });
    const { users, items } = await collectRecords(reader);
    t.is(users.length, 1);
    t.is(items.length, 1);
    t.deepEqual(
      reader.issues.examples.slice(0, 3).map((i) => `${i.file}:${i.line}`),
      ['u.user:2', 'u.user:3', 'u.item:2'],
    );
    t.throws(() => openDataset({ dataset: 'ml-100k', path: `${folder}/nowhere` }), {
      message: /u\.genre does not exist; point --path at the unzipped ml-100k folder/,
    });
  });
});
