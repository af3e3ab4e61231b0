import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import test from 'ava';

const run = promisify(execFile);
const bin = fileURLToPath(new URL('../../apps/cli/bin/tmrm.js', import.meta.url));

test('the run command trains online and prints explained recommendations and a summary', async (t) => {
  const args = ['demo', '--events', '8000', '--users', '200', '--items', '100', '--requests', '2'];
  const { stdout } = await run(process.execPath, [bin, ...args], { timeout: 400_000 });
  t.log(stdout.split('\n').slice(-6).join('\n'));
  t.regex(stdout, /^recommendation for u\d+ \(model tmrm-v\d+-e\d+, \d+ ms\)$/m);
  t.regex(stdout, /^ {2}1\. i\d+ {2}score 0\.\d+$/m);
  t.regex(stdout, /^ {7}because \S+ (<|>=|in|=|not in|!=) .+ {2}\(-?\d\.\d\d\)$/m);
  t.regex(stdout, /^ {2}events trained {7}8000 of 8000$/m);
  const auc = Number(/rolling AUC\s+(\d\.\d+)/.exec(stdout)?.[1]);
  t.true(auc > 0.55, `rolling AUC ${auc}`);
  t.regex(stdout, /scoring latency {6}p50 \d+\.\d ms, p99 \d+\.\d ms/);
});
