import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { readCsvMatrix, readMapping } from './read-csv-matrix';

const folder = mkdtempSync(join(tmpdir(), 'tmrm-gbdt-csv-'));
test.after.always(() => rmSync(folder, { recursive: true, force: true }));

test('exported CSVs become matrices: categorical by the mapping, empty cells missing', (t) => {
  const mapping = join(folder, 'mapping.json');
  writeFileSync(
    mapping,
    JSON.stringify({ format: 'tmrm-mapping', version: 1, label: 'label', categorical: ['genre'] }),
  );
  const train = join(folder, 'train.csv');
  writeFileSync(train, 'age,genre,label\n25,Drama,1\n,"Sci-Fi, old",0\n40,Drama,0\n');
  const valid = join(folder, 'valid.csv');
  writeFileSync(valid, 'genre,age,label\nWar,33,1\n');

  const parsed = readMapping(mapping);
  const matrix = readCsvMatrix(train, parsed);
  t.deepEqual(
    matrix.features.map((f) => f.name),
    ['age', 'genre'],
  );
  t.deepEqual(Array.from(matrix.columns[0]), [25, NaN, 40]);
  t.deepEqual(Array.from(matrix.columns[1]), [0, 1, 0]);
  t.deepEqual(matrix.features[1].categories, ['Drama', 'Sci-Fi, old']);
  t.deepEqual(Array.from(matrix.labels), [1, 0, 0]);

  const other = readCsvMatrix(valid, parsed, matrix.features);
  t.deepEqual(Array.from(other.columns[0]), [33]);
  t.deepEqual(Array.from(other.columns[1]), [2]);
});

test('bad cells and missing columns are named', (t) => {
  const bad = join(folder, 'bad.csv');
  writeFileSync(bad, 'age,label\nold,1\n');
  t.throws(() => readCsvMatrix(bad, readMapping(undefined)), {
    message: /bad.csv:2: column age holds "old"/,
  });
  const noLabel = join(folder, 'nolabel.csv');
  writeFileSync(noLabel, 'age\n1\n');
  t.throws(() => readCsvMatrix(noLabel, readMapping(undefined)), {
    message: /no label column "label"/,
  });
});
