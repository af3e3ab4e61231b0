import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import test from 'ava';

const bin = fileURLToPath(new URL('../bin/tmrm.js', import.meta.url));

test('the tmrm binary starts and lists its commands', (t) => {
  const help = execFileSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
  t.regex(help, /Usage: tmrm/);
  t.regex(help, /^\s+demo\b/m);
});

test('an unknown command fails with a message and a non-zero exit', (t) => {
  const error = t.throws(() =>
    execFileSync(process.execPath, [bin, 'no-such-command'], { encoding: 'utf8', stdio: 'pipe' }),
  ) as Error & { status: number; stderr: string };
  t.not(error.status, 0);
  t.regex(error.stderr, /unknown command 'no-such-command'/);
});
