import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { collectRecords } from '../testing/collect-records';
import { withTemporaryFolder } from '../testing/temporary-folder';
import { openDataset } from './open-dataset';

test('csv with a mapping: labelled rows, profiles, flag columns as one multi-valued field', async (t) => {
  await withTemporaryFolder(async (folder) => {
    const mapping = {
      user: 'uid',
      item: 'iid',
      label: 'clicked',
      time: 'ts',
      timeUnit: 's',
      categorical: ['gender', 'device'],
      numeric: ['age', 'price'],
      multiValued: { genre: { columns: ['genre=Action', 'genre=Drama'] } },
      userFeatures: ['gender', 'age'],
      itemFeatures: ['price', 'genre'],
    };
    await writeFile(join(folder, 'mapping.json'), JSON.stringify(mapping));
    await writeFile(
      join(folder, 'data.csv'),
      [
        'uid,iid,clicked,ts,gender,device,age,price,genre=Action,genre=Drama',
        'u1,i1,1,10,F,mobile,31,9.5,1,1',
        'u2,i1,0,11,M,desktop,40,9.5,1,1',
        'u2,i2,yes,12,M,desktop,40,3,0,1',
        'u2,i2,0,13,M,desktop,forty,3,0,1',
        'u2,i2,0,14,M',
        ',i2,0,15,M,desktop,40,3,0,1',
      ].join('\n'),
    );
    const reader = openDataset({
      dataset: 'csv',
      path: join(folder, 'data.csv'),
      mappingPath: join(folder, 'mapping.json'),
    });
    const { users, items, events, labels } = await collectRecords(reader);
    t.deepEqual(
      users.map((u) => [u.userId, u.features]),
      [
        ['u1', { categorical: { gender: 'F' }, numeric: { age: 31 }, multi: {} }],
        ['u2', { categorical: { gender: 'M' }, numeric: { age: 40 }, multi: {} }],
      ],
    );
    t.deepEqual(items[0].features, {
      categorical: {},
      numeric: { price: 9.5 },
      multi: { genre: ['Action', 'Drama'] },
    });
    t.deepEqual(labels, [1, 0]);
    t.deepEqual(events[0].context, { categorical: { device: 'mobile' }, numeric: {}, multi: {} });
    t.is(events[0].eventTimeMs, 10_000);
    t.deepEqual(
      reader.issues.examples.map((i) => `${i.file}:${i.line}: ${i.reason}`),
      [
        'data.csv:4: label "yes" is not a number',
        'data.csv:5: numeric column age holds "forty"',
        'data.csv:6: expected 10 columns, found 5',
        'data.csv:7: the user (uid) or item (iid) is empty',
      ],
    );
  });
});

test('tsv without a header, implicit (no label column)', async (t) => {
  await withTemporaryFolder(async (folder) => {
    await writeFile(
      join(folder, 'm.json'),
      JSON.stringify({
        user: 'u',
        item: 'i',
        header: false,
        columns: ['u', 'i', 'genres'],
        multiValued: { genre: { column: 'genres', separator: '|' } },
      }),
    );
    await writeFile(join(folder, 'd.tsv'), 'a\tx\tA|B\nb\ty\t\n');
    const reader = openDataset({
      dataset: 'tsv',
      path: join(folder, 'd.tsv'),
      mappingPath: join(folder, 'm.json'),
    });
    const { events, labels } = await collectRecords(reader);
    t.false(reader.labelled);
    t.deepEqual(labels, [null, null]);
    t.deepEqual(
      events.map((e) => e.context?.multi.genre),
      [['A', 'B'], []],
    );
  });
});

test('jsonl with a mapping; bad JSON and a missing mapping are reported clearly', async (t) => {
  await withTemporaryFolder(async (folder) => {
    await writeFile(
      join(folder, 'm.json'),
      JSON.stringify({
        user: 'user',
        item: 'item',
        numeric: ['hour'],
        multiValued: { tags: { column: 'tags' } },
      }),
    );
    await writeFile(
      join(folder, 'd.jsonl'),
      '{"user":"a","item":"x","hour":3,"tags":["p","q"]}\n{"user":\n[1]\n',
    );
    const reader = openDataset({
      dataset: 'jsonl',
      path: join(folder, 'd.jsonl'),
      mappingPath: join(folder, 'm.json'),
    });
    const { events } = await collectRecords(reader);
    t.deepEqual(events[0].context, {
      categorical: {},
      numeric: { hour: 3 },
      multi: { tags: ['p', 'q'] },
    });
    t.is(reader.issues.count, 2);
    t.regex(reader.issues.examples[1].reason, /not an object/);
    t.throws(() => openDataset({ dataset: 'jsonl', path: join(folder, 'd.jsonl') }), {
      message: /needs a mapping file; pass --mapping FILE/,
    });
    await writeFile(join(folder, 'bad.json'), JSON.stringify({ item: 'i' }));
    t.throws(
      () => openDataset({ dataset: 'csv', path: 'x', mappingPath: join(folder, 'bad.json') }),
      { message: /user = undefined: must name the column/ },
    );
  });
});
