import { existsSync, readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { ConfigError } from '@tmrm/common';

/**
 * The progress of a replay, saved after every acknowledged batch so an interrupted replay can
 * continue: `eventsSent` is the position in the time-ordered event stream.
 */
export interface ReplayState {
  format: 'tmrm-replay-state';
  version: 1;
  dataset: string;
  path: string;
  topic: string;
  profilesSent: boolean;
  eventsSent: number;
}

/** Reads a state file; it must describe the same data set and topic. */
export function loadReplayState(
  file: string,
  expected: Pick<ReplayState, 'dataset' | 'path' | 'topic'>,
): ReplayState | null {
  if (!existsSync(file)) return null;
  const state = JSON.parse(readFileSync(file, 'utf8')) as ReplayState;
  if (state.format !== 'tmrm-replay-state' || state.version !== 1) {
    throw new ConfigError(
      '--state',
      file,
      'is not a tmrm replay state file (format tmrm-replay-state, version 1)',
    );
  }
  for (const key of ['dataset', 'path', 'topic'] as const) {
    if (state[key] !== expected[key]) {
      throw new ConfigError(
        '--state',
        file,
        `belongs to ${key} ${JSON.stringify(state[key])}, not ${JSON.stringify(expected[key])}`,
        'use another state file or delete this one',
      );
    }
  }
  return state;
}

/** Writes the state atomically (temporary file, then rename): a crash never leaves half a file. */
export async function saveReplayState(file: string, state: ReplayState): Promise<void> {
  const temporary = `${file}.tmp`;
  await writeFile(temporary, JSON.stringify(state, null, 2) + '\n');
  await rename(temporary, file);
}
