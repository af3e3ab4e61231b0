import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { plainLine } from './replay-progress';
import { loadReplayState, saveReplayState, type ReplayState } from './replay-state';

const state: ReplayState = {
  format: 'tmrm-replay-state',
  version: 1,
  dataset: 'ml-100k',
  path: '/data/ml-100k',
  topic: 'tmrm.interactions',
  profilesSent: true,
  eventsSent: 4200,
};

test('a saved state round-trips and must match the data set and topic', async (t) => {
  const folder = await mkdtemp(join(tmpdir(), 'tmrm-replay-state-'));
  t.teardown(() => rm(folder, { recursive: true, force: true }));
  const file = join(folder, 'state.json');
  t.is(loadReplayState(file, state), null);
  await saveReplayState(file, state);
  t.deepEqual(loadReplayState(file, state), state);
  t.throws(() => loadReplayState(file, { ...state, topic: 'other' }), {
    message: /belongs to topic "tmrm\.interactions", not "other"; use another state file/,
  });
  await writeFile(file, JSON.stringify({ format: 'something' }));
  t.throws(() => loadReplayState(file, state), { message: /is not a tmrm replay state file/ });
  t.false((await readFile(file, 'utf8')).includes('tmp'));
});

test('the plain progress line gives position, share, rate and ETA', (t) => {
  t.is(
    plainLine({ position: 20_000, end: 100_000, eventsSent: 20_000, elapsedMs: 2000 }),
    'replay: 20000/100000 events (20.0%), 10000 events/s, ETA 8 s',
  );
  t.is(
    plainLine({ position: 0, end: 10, eventsSent: 0, elapsedMs: 0 }),
    'replay: 0/10 events (0.0%), 0 events/s, ETA ?',
  );
});
