import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Helpers the fault tests share: the apps as real processes, their /healthz, and waiting with
// a deadline (every wait names what it waited for when it times out).

/** What an app's /healthz says, loosely typed: each test reads the fields it needs. */
export type Health = Record<string, unknown> & {
  state?: string;
  eventsTrained?: number;
  checkpoints?: number;
  badRecords?: number;
  requests?: number;
  errors?: number;
  modelVersion?: string | null;
  snapshotsRejected?: number;
};

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export async function health(port: number): Promise<Health | null> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`, {
      signal: AbortSignal.timeout(2_000),
    });
    return (await response.json()) as Health;
  } catch {
    return null;
  }
}

export async function waitUntil(
  what: string,
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Starts `tmrm-trainer` or `tmrm-scorer` from source. With `TMRM_TEST_LOG_DIR` set, its stdout
 * and stderr go to a file there (for a failing test's post-mortem); otherwise they are dropped.
 */
export function startApp(
  name: 'trainer' | 'scorer',
  args: string[],
  env: NodeJS.ProcessEnv,
): ChildProcess {
  const logDir = process.env.TMRM_TEST_LOG_DIR;
  const logFile = logDir ? join(logDir, `${name}-${Date.now()}.log`) : undefined;
  const bin = fileURLToPath(new URL(`../../apps/${name}/bin/tmrm-${name}.js`, import.meta.url));
  const child = spawn(process.execPath, [bin, ...args], {
    env: { ...process.env, ...env },
    stdio: logFile ? ['ignore', 'pipe', 'pipe'] : 'ignore',
  });
  if (logFile) {
    const out = createWriteStream(logFile, { flags: 'a' });
    child.stdout?.pipe(out);
    child.stderr?.pipe(out);
  }
  return child;
}

export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** The trainer flags the fault tests share: a small cold start, frequent checkpoints. */
export function trainerArgs(options: {
  group: string;
  port: number;
  checkpointDirectory: string;
  coldStartSamples?: number;
}): string[] {
  return [
    ...['--group', options.group, '--port', String(options.port)],
    ...['--checkpoint-dir', options.checkpointDirectory],
    ...['--checkpoint-every-batches', '2', '--checkpoint-every-ms', '1000'],
    ...['--cold-start-samples', String(options.coldStartSamples ?? 600)],
    ...['--batch-size', '128', '--batch-wait-ms', '200', '--trees', '10'],
  ];
}
