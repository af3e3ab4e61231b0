import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { collectRecords } from '../testing/collect-records';
import { withTemporaryFolder } from '../testing/temporary-folder';
import { openDataset } from './open-dataset';

test('retailrocket: event types, latest item properties, category ancestry', async (t) => {
  await withTemporaryFolder(async (folder) => {
    await writeFile(join(folder, 'category_tree.csv'), 'categoryid,parentid\n10,1\n1,\n11,10\n');
    await writeFile(
      join(folder, 'item_properties_part1.csv'),
      'timestamp,itemid,property,value\n100,5,categoryid,10\n300,5,categoryid,11\n100,5,888,n12.000 1\n',
    );
    await writeFile(
      join(folder, 'item_properties_part2.csv'),
      'timestamp,itemid,property,value\n200,5,available,1\n50,5,categoryid,1\nbad,6,available,1\n',
    );
    await writeFile(
      join(folder, 'events.csv'),
      [
        'timestamp,visitorid,event,itemid,transactionid',
        '1433221332117,257597,view,5,',
        '1433224214164,992329,addtocart,5,',
        '1433221999827,111016,transaction,5,4000',
        '1433221999827,111016,refund,5,',
        'yesterday,1,view,5,',
        '1433221999827,111016,view,5',
        '',
      ].join('\n'),
    );
    const reader = openDataset({ dataset: 'retailrocket', path: folder });
    const { items, events } = await collectRecords(reader);
    t.deepEqual(items, [
      {
        itemId: '5',
        features: {
          categorical: { category: '11', parent_category: '10', root_category: '1' },
          numeric: { available: 1 },
          multi: {},
        },
        updatedAtMs: 300,
      },
    ]);
    t.deepEqual(
      events.map((e) => e.eventType),
      ['view', 'add_to_cart', 'purchase'],
    );
    t.deepEqual(
      reader.issues.examples.map((i) => `${i.file}:${i.line}`),
      ['item_properties_part2.csv:4', 'events.csv:5', 'events.csv:6', 'events.csv:7'],
    );
  });
});
