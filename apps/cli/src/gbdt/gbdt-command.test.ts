import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import { loadEnsemble } from '@tmrm/gbdt';
import { numberFlag } from './gbdt-flags';

const bin = fileURLToPath(new URL('../../bin/tmrm.js', import.meta.url));
const folder = mkdtempSync(join(tmpdir(), 'tmrm-gbdt-cli-'));
test.after.always(() => rmSync(folder, { recursive: true, force: true }));

const tmrm = (...args: string[]) =>
  execFileSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

/** A small export-like split: clicks when age < 30 and genre is Drama, or late hours. */
function writeSplit(name: string, rows: number, seed: number): string {
  let state = seed;
  const random = () => (state = (state * 16807) % 2147483647) / 2147483647;
  const genres = ['Drama', 'Comedy', 'War'];
  const lines = ['age,genre,hour,label'];
  for (let i = 0; i < rows; i++) {
    const age = 18 + Math.floor(random() * 50);
    const genre = genres[Math.floor(random() * 3)];
    const hour = Math.floor(random() * 24);
    const p = (age < 30 && genre === 'Drama') || hour >= 21 ? 0.8 : 0.15;
    lines.push(`${random() < 0.05 ? '' : age},${genre},${hour},${random() < p ? 1 : 0}`);
  }
  const path = join(folder, `${name}.csv`);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

test('gbdt train, paths and leaves work on exported CSVs', (t) => {
  const mapping = join(folder, 'mapping.json');
  writeFileSync(
    mapping,
    JSON.stringify({ format: 'tmrm-mapping', version: 1, label: 'label', categorical: ['genre'] }),
  );
  const train = writeSplit('train', 3000, 1);
  const valid = writeSplit('valid', 1000, 2);
  const test_ = writeSplit('test', 1000, 3);
  const model = join(folder, 'model.json');
  const summary = JSON.parse(
    tmrm(
      'gbdt',
      'train',
      '--train',
      train,
      '--valid',
      valid,
      '--test',
      test_,
      '--mapping',
      mapping,
      '--trees',
      '10',
      '--depth',
      '3',
      '--lr',
      '0.3',
      '--bins',
      '64',
      '--threads',
      '1',
      '--json',
      '--out',
      model,
    ),
  );
  t.is(summary.trees, 10);
  t.true(summary.trainingSeconds > 0);
  t.true(summary.metrics.test.auc > 0.7, `test AUC ${summary.metrics.test.auc}`);
  t.true(summary.metrics.valid.logloss > 0);

  const ensemble = loadEnsemble(readFileSync(model, 'utf8'));
  const paths = tmrm('gbdt', 'paths', '--model', model).trim().split('\n');
  t.is(paths.length, summary.leaves);
  t.regex(paths.join('\n'), /genre = Drama|genre in \{|genre != |hour >= 21|age < 30/);

  const leaves = tmrm('gbdt', 'leaves', '--model', model, '--data', test_, '--limit', '5')
    .trim()
    .split('\n');
  t.is(leaves.length, 5);
  t.is(leaves[0].split(' ').length, ensemble.trees.length);
});

test('numeric flags are checked by name', (t) => {
  t.is(numberFlag('--trees', '10', 'integer'), 10);
  t.is(numberFlag('--trees', undefined, 'integer'), undefined);
  t.throws(() => numberFlag('--trees', 'many', 'integer'), {
    message: /--trees = "many": must be an integer/,
  });
  t.throws(() => numberFlag('--lr', '', 'number'), { message: /--lr = "": must be a number/ });
});
