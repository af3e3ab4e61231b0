import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { collectRecords } from '../testing/collect-records';
import { withTemporaryFolder } from '../testing/temporary-folder';
import { openDataset } from './open-dataset';

test('libfm by position: labels, categorical and numeric fields, width checked', async (t) => {
  await withTemporaryFolder(async (folder) => {
    const path = join(folder, 'train.libfm');
    await writeFile(
      path,
      '1 3:1 10:1 20:0.5\n-1 4:1 11:1 20:0.25\n0 4:1 11:1\n1 x:1 2:1 3:1\nmaybe 1:1 2:1 3:1\n',
    );
    const reader = openDataset({ dataset: 'libfm', path });
    const { events, labels } = await collectRecords(reader);
    t.true(reader.labelled);
    t.deepEqual(labels, [1, 0]);
    t.like(events[0], { userId: '3', itemId: '10', eventType: 'click', eventTimeMs: 1 });
    t.deepEqual(events[1].context, { categorical: {}, numeric: { f2: 0.25 }, multi: {} });
    t.deepEqual(
      reader.issues.examples.map((i) => `${i.line}: ${i.reason}`),
      [
        '3: expected 3 features (fields by position), found 2',
        '4: feature "x:1" needs an integer index and a numeric value',
        '5: label "maybe" is not a number',
      ],
    );
  });
});

test('libsvm with a field map: several features of one field become multi-valued', async (t) => {
  await withTemporaryFolder(async (folder) => {
    const path = join(folder, 'data.svm');
    await writeFile(join(folder, 'fields.txt'), '1 user\n2 user\n5 item\n6 item\n8 tag\n9 tag\n');
    await writeFile(path, '1 1:1 5:1 8:1 9:1\n0 2:1 6:1\n1 2:1 7:1\n1 8:1 5:1\n');
    const reader = openDataset({
      dataset: 'libsvm',
      path,
      fieldMapPath: join(folder, 'fields.txt'),
      userField: 'user',
      itemField: 'item',
    });
    const { events, labels } = await collectRecords(reader);
    t.deepEqual(labels, [1, 0]);
    t.deepEqual(
      events.map((e) => [e.userId, e.itemId]),
      [
        ['1', '5'],
        ['2', '6'],
      ],
    );
    t.deepEqual(events[0].context, { categorical: {}, numeric: {}, multi: { tag: ['8', '9'] } });
    t.deepEqual(events[1].context, { categorical: {}, numeric: {}, multi: {} });
    t.deepEqual(
      reader.issues.examples.map((i) => i.reason),
      [
        'feature index 7 is not in the field map',
        'the user field user or item field item is missing',
      ],
    );
  });
});

test('libffm: fields come from the rows', async (t) => {
  await withTemporaryFolder(async (folder) => {
    const path = join(folder, 'data.ffm');
    await writeFile(path, '1 0:3:1 1:10:1 2:20:1 2:21:1 3:30:0.7\n0 0:4:1 1:11:1 9\n');
    const reader = openDataset({ dataset: 'libffm', path });
    const { events } = await collectRecords(reader);
    t.is(events.length, 1);
    t.deepEqual(events[0].context, {
      categorical: {},
      numeric: { f3: 0.7 },
      multi: { f2: ['20', '21'] },
    });
    t.deepEqual(
      reader.issues.examples.map((i) => i.reason),
      ['feature "9" is not field:index:value'],
    );
  });
});
