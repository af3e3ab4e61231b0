import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import test from 'ava';

const run = promisify(execFile);
const bin = fileURLToPath(new URL('../../apps/cli/bin/tmrm.js', import.meta.url));

test('the run command round-trips a message through the broker', async (t) => {
  const { stdout } = await run(process.execPath, [bin, 'demo'], { timeout: 120_000 });
  t.regex(stdout, /^round trip through tmrm-demo at offset \d+: hello from tmrm at /m);
});
