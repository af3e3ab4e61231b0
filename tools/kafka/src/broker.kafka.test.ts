import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import test from 'ava';
import { brokerStatus, startBroker, stopBroker } from './broker';
import { brokerLayout } from './layout';

// Starts a second broker of its own, on its own ports and in a temporary folder,
// so it never disturbs the broker the other integration tests use.
test('up is idempotent, answers metadata, and down leaves no process behind', async (t) => {
  const stateDir = mkdtempSync(join(tmpdir(), 'tmrm-kafka-tool-'));
  const port = 19_000 + Math.floor(Math.random() * 900) * 2;
  const layout = brokerLayout({ port, stateDir });
  const lines: string[] = [];
  const log = (line: string) => lines.push(line);
  t.teardown(async () => {
    await stopBroker(layout, log);
    rmSync(stateDir, { recursive: true, force: true });
  });

  const first = await startBroker(layout, { log, heap: '512m' });
  t.true(first.answering);
  t.is(first.brokers, `127.0.0.1:${port}`);
  t.true(lines.some((line) => line.includes('formatting broker storage')));
  t.true(lines.some((line) => line.includes(`log: ${join(stateDir, 'broker.log')}`)));

  const second = await startBroker(layout, { log });
  t.is(second.pid, first.pid, 'a second up must not start another broker');
  t.true(lines.some((line) => line.startsWith('broker already running')));

  await stopBroker(layout, log);
  const after = await brokerStatus(layout);
  t.false(after.running);
  t.true(jvmGone(first.pid!), 'the JVM must be gone');

  // Data survives a restart: the storage is not formatted twice.
  lines.length = 0;
  const restarted = await startBroker(layout, { log, heap: '512m' });
  t.true(restarted.answering);
  t.false(lines.some((line) => line.includes('formatting broker storage')));
});

/**
 * The broker was spawned by this test process, so once killed it may linger as a
 * zombie until Node reaps it; a zombie holds no port, memory or files.
 */
function jvmGone(pid: number): boolean {
  const stat = spawnSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' });
  return stat.stdout.trim() === '' || stat.stdout.trim().startsWith('Z');
}
