import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { exportSplit } from './export-split';
import { loadCsvSplit } from './load-csv-split';
import { prepareSplit } from './prepare-split';
import { syntheticSplit } from './synthetic-split';

async function tempDir(t: { teardown(fn: () => Promise<void>): void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tmrm-eval-split-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

test('a synthetic split is time-ordered 80/10/10 and carries its planted crosses', (t) => {
  const split = syntheticSplit({ users: 30, items: 20, events: 1000, seed: 5 });
  t.deepEqual(split.description.rows, { train: 800, valid: 100, test: 100 });
  const times = [split.train, split.valid, split.test].flatMap((table) => [...table.timesMs!]);
  t.true(times.every((time, i) => i === 0 || time >= times[i - 1]));
  t.true(split.truth!.length > 0);
  t.is(split.schema.user, 'user_id');
  t.true(split.train.rows.every((row) => typeof row.age === 'number'));
});

test('an exported split loads back identical, as another tool would read it', async (t) => {
  const dir = await tempDir(t);
  const split = syntheticSplit({ users: 30, items: 20, events: 500, seed: 9 });
  await exportSplit(split, dir);
  const loaded = await loadCsvSplit({
    train: join(dir, 'train.csv'),
    valid: join(dir, 'valid.csv'),
    test: join(dir, 'test.csv'),
    mapping: join(dir, 'mapping.json'),
  });
  t.deepEqual(loaded.schema.columns, split.schema.columns);
  t.is(loaded.schema.user, 'user_id');
  for (const name of ['train', 'valid', 'test'] as const) {
    t.deepEqual(loaded[name].rows, split[name].rows);
    t.deepEqual([...loaded[name].labels], [...split[name].labels]);
  }
  const header = (await readFile(join(dir, 'train.csv'), 'utf8')).split('\n')[0];
  t.true(header.endsWith(',label'));
});

test('multi-valued indicator groups and bad cells are read with file and line', async (t) => {
  const dir = await tempDir(t);
  const header = 'user_id,item_id,age,genre=Drama,genre=Comedy,label';
  await writeFile(join(dir, 'train.csv'), `${header}\nu1,i1,30,1,0,1\nu2,i2,,0,1,0\n`);
  await writeFile(join(dir, 'valid.csv'), `${header}\nu1,i2,30,1,1,0\n`);
  await writeFile(join(dir, 'test.csv'), `${header}\nu2,i1,abc,1,0,1\n`);
  await writeFile(
    join(dir, 'mapping.json'),
    JSON.stringify({
      format: 'tmrm-mapping',
      version: 1,
      label: 'label',
      user: 'user_id',
      item: 'item_id',
      categorical: ['user_id', 'item_id'],
      numeric: ['age'],
      multiValued: { genre: { columns: ['genre=Drama', 'genre=Comedy'] } },
    }),
  );
  const files = {
    train: join(dir, 'train.csv'),
    valid: join(dir, 'valid.csv'),
    test: join(dir, 'test.csv'),
    mapping: join(dir, 'mapping.json'),
  };
  await t.throwsAsync(loadCsvSplit(files), {
    message: new RegExp(`test.csv:2: age = "abc" is not a number`),
  });
  await writeFile(join(dir, 'test.csv'), `${header}\nu2,i1,41,1,0,2\n`);
  await t.throwsAsync(loadCsvSplit(files), { message: /test.csv:2: label = "2"; must be 0 or 1/ });
  await writeFile(join(dir, 'test.csv'), `${header}\nu2,i1,41,1,0,1\n`);
  const split = await loadCsvSplit(files);
  t.deepEqual(split.schema.multiValued, { genre: ['genre=Drama', 'genre=Comedy'] });
  t.is(split.train.rows[1].age, null);
  t.is(split.train.rows[0].user_id, 'u1');
});

test('prepareSplit wants exactly one source', async (t) => {
  await t.throwsAsync(prepareSplit({ exportDir: '/tmp/x' }), { message: /give either --dataset/ });
  await t.throwsAsync(prepareSplit({ train: 'a.csv', exportDir: '/tmp/x' }), {
    message: /all three files are needed/,
  });
  await t.throwsAsync(prepareSplit({ dataset: 'ml-100k', exportDir: '/tmp/x' }), {
    message: /needs --path/,
  });
});
