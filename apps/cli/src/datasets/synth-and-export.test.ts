import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import test from 'ava';

const run = promisify(execFile);
const bin = fileURLToPath(new URL('../../bin/tmrm.js', import.meta.url));
const tmrm = (...args: string[]) => run(process.execPath, [bin, ...args], { timeout: 60_000 });

test('tmrm synth then tmrm data export writes the split CSVs and the mapping', async (t) => {
  const folder = await mkdtemp(join(tmpdir(), 'tmrm-cli-data-'));
  t.teardown(() => rm(folder, { recursive: true, force: true }));
  const synth = await tmrm(
    'synth',
    '--users',
    '20',
    '--items',
    '10',
    '--events',
    '300',
    '--seed',
    '4',
    '--out',
    join(folder, 's'),
  );
  t.regex(synth.stdout, /wrote 20 users, 10 items, 300 events/);
  const exported = await tmrm(
    'data',
    'export',
    '--dataset',
    'tmrm',
    '--path',
    join(folder, 's'),
    '--out',
    join(folder, 'e'),
  );
  t.regex(exported.stdout, /exported tmrm to .* train \d+, valid \d+, test \d+ rows/);
  const mapping = JSON.parse(await readFile(join(folder, 'e', 'mapping.json'), 'utf8'));
  t.is(mapping.format, 'tmrm-mapping');
  const train = await readFile(join(folder, 'e', 'train.csv'), 'utf8');
  t.regex(train, /^user_id,.*,timestamp,label\n/);
});

test('a malformed line fails a strict export with its file and line', async (t) => {
  const folder = await mkdtemp(join(tmpdir(), 'tmrm-cli-data-'));
  t.teardown(() => rm(folder, { recursive: true, force: true }));
  await writeFile(join(folder, 'u.genre'), 'unknown|0\n');
  await writeFile(join(folder, 'u.user'), '1|24|M|technician|85711\n');
  await writeFile(join(folder, 'u.item'), '1|Toy Story (1995)|01-Jan-1995||http://x|0\n');
  await writeFile(join(folder, 'u.data'), '1\t1\t5\t881250949\n1\t1\n');
  const args = [
    'data',
    'export',
    '--dataset',
    'ml-100k',
    '--path',
    folder,
    '--out',
    join(folder, 'e'),
  ];
  const error = await t.throwsAsync(tmrm(...args, '--strict'));
  t.regex(
    (error as Error & { stderr: string }).stderr,
    /tmrm: u\.data:2: expected 4 tab-separated fields/,
  );
});
