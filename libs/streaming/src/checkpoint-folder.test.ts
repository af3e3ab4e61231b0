import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { CheckpointFolder } from './checkpoint-folder';

test('keeps the last few checkpoints and reads the newest', async (t) => {
  const directory = await mkdtemp(join(tmpdir(), 'tmrm-ckpt-'));
  t.teardown(() => rm(directory, { recursive: true, force: true }));
  const folder = new CheckpointFolder({ directory, keep: 2 });
  t.is(await folder.latest(), null);
  for (const sequence of [1, 2, 3]) await folder.save(sequence, Buffer.from(`ckpt ${sequence}`));
  t.deepEqual((await readdir(directory)).sort(), [
    'checkpoint-00000002.ckpt',
    'checkpoint-00000003.ckpt',
  ]);
  t.deepEqual(await folder.latest(), Buffer.from('ckpt 3'));
});
