import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { collectRecords } from '../testing/collect-records';
import { withTemporaryFolder } from '../testing/temporary-folder';
import { openDataset } from './open-dataset';

test('ml-1m: users with occupation labels, Latin-1 titles, ratings; bad lines counted', async (t) => {
  await withTemporaryFolder(async (folder) => {
    await writeFile(
      join(folder, 'users.dat'),
      '1::F::1::10::48067\n2::M::56::16::70072\n3::M::x::1::1\n',
    );
    await writeFile(
      join(folder, 'movies.dat'),
      Buffer.concat([
        Buffer.from("1::Toy Story (1995)::Animation|Children's|Comedy\n"),
        Buffer.from('2::Misérables, Les (1995)::Drama\n', 'latin1'),
        Buffer.from('3::Broken\n'),
      ]),
    );
    await writeFile(
      join(folder, 'ratings.dat'),
      [
        '1::1::5::978300760',
        '2::2::3::978302109',
        '1::2::x::978301968',
        '1::2::4',
        '9::1::4::978300275',
        '2::9::4::978300275',
        Buffer.from([0x32, 0x3a, 0x3a, 0x31, 0x3a, 0x3a, 0xc3, 0x28]).toString('latin1'),
      ].join('\n'),
    );
    const reader = openDataset({ dataset: 'ml-1m', path: folder });
    const { users, items, events } = await collectRecords(reader);
    t.deepEqual(users[0].features, {
      categorical: { gender: 'F', occupation: 'K-12 student', zip_prefix: '4' },
      numeric: { age: 1 },
      multi: {},
    });
    t.is(users.length, 2);
    t.is(items[1].features.numeric.release_year, 1995);
    t.deepEqual(items[0].features.multi.genre, ['Animation', "Children's", 'Comedy']);
    t.is(items.length, 2);
    t.deepEqual(
      events.map((e) => [e.userId, e.itemId, e.value, e.eventTimeMs]),
      [
        ['1', '1', 5, 978300760000],
        ['2', '2', 3, 978302109000],
      ],
    );
    t.deepEqual(
      reader.issues.examples.map((i) => `${i.file}:${i.line}: ${i.reason}`),
      [
        'users.dat:3: age and occupation must be integer codes',
        'movies.dat:3: expected 3 fields, found 2',
        'ratings.dat:3: rating "x" is not a number',
        'ratings.dat:4: expected 4 fields, found 3',
        'ratings.dat:5: unknown user id "9"',
        'ratings.dat:6: unknown item id "9"',
        'ratings.dat:7: expected 4 fields, found 3',
      ],
    );
  });
});

test('ml-10m: no users file, so users have no profiles and only items are checked', async (t) => {
  await withTemporaryFolder(async (folder) => {
    await writeFile(join(folder, 'movies.dat'), '1::Heat (1995)::(no genres listed)\n');
    await writeFile(join(folder, 'ratings.dat'), '7::1::4.5::1000\n8::1::0.5::2000\n');
    const { users, items, events } = await collectRecords(
      openDataset({ dataset: 'ml-10m', path: folder }),
    );
    t.is(users.length, 0);
    t.deepEqual(items[0].features.multi, { genre: [] });
    t.deepEqual(
      events.map((e) => e.value),
      [4.5, 0.5],
    );
  });
});

test('invalid UTF-8 in a ratings line is reported', async (t) => {
  await withTemporaryFolder(async (folder) => {
    await writeFile(join(folder, 'movies.dat'), '1::Heat (1995)::Action\n');
    await writeFile(
      join(folder, 'ratings.dat'),
      Buffer.concat([Buffer.from('7::1::4::1\n7::1::'), Buffer.from([0xff]), Buffer.from('::2\n')]),
    );
    const reader = openDataset({ dataset: 'ml-10m', path: folder });
    const { events } = await collectRecords(reader);
    t.is(events.length, 1);
    t.deepEqual(reader.issues.examples[0], {
      file: 'ratings.dat',
      line: 2,
      reason: 'the line is not valid UTF-8',
    });
  });
});
