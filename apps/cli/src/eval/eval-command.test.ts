import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import test from 'ava';
import { formatMetric, readEvalResults } from '@tmrm/eval';

const run = promisify(execFile);
const bin = fileURLToPath(new URL('../../bin/tmrm.js', import.meta.url));

/** Cells of the Markdown table under `heading`, header and rule dropped. */
function markdownRows(markdown: string, heading: string): string[][] {
  const lines = markdown.split('\n');
  const rows: string[][] = [];
  for (let i = lines.indexOf(heading) + 1; i < lines.length && !lines[i].startsWith('#'); i++) {
    if (lines[i].startsWith('|')) rows.push(lines[i].slice(2, -2).split(' | '));
  }
  return rows.slice(2);
}

test('tmrm eval on a small synthetic set writes consistent results.json, report.md and report.html', async (t) => {
  const out = await mkdtemp(join(tmpdir(), 'tmrm-eval-cli-'));
  t.teardown(() => rm(out, { recursive: true, force: true }));
  const args = [
    'eval',
    ...['--dataset', 'synthetic', '--users', '60', '--items', '40', '--events', '2000'],
    ...['--models', 'gbdt,deepfm,tmrm-hu', '--seeds', '2'],
    ...['--epochs', '2', '--batch-size', '256', '--hidden', '16,16', '--embedding', '4'],
    ...['--trees', '8', '--depth', '3', '--sweep', 'depth=2,3'],
    ...['--online', '--mini-batch', '200', '--window', '400', '--examples', '2', '--out', out],
  ];
  const { stdout } = await run(process.execPath, [bin, ...args], {
    env: { ...process.env, TMRM_LOG_LEVEL: 'silent' },
  });
  t.regex(stdout, /wrote .*results\.json/);

  // results.json: the reader checks every section and that summaries aggregate the runs.
  const results = await readEvalResults(join(out, 'results.json'));
  t.deepEqual(results.configuration.seeds, [1, 2]);
  t.deepEqual(
    results.runs.map((r) => `${r.model}/${r.seed}`),
    ['gbdt/1', 'deepfm/1', 'tmrm-hu/1', 'gbdt/2', 'deepfm/2', 'tmrm-hu/2'],
  );
  for (const r of results.runs)
    t.true(r.auc > 0 && r.auc < 1 && r.logloss > 0 && r.trainSeconds > 0);
  t.deepEqual(
    results.sweeps.map((s) => [s.parameter, s.model, s.points.map((p) => p.value)]),
    [['depth', 'tmrm-hu', [2, 3]]],
  );
  const strategies = results.rq2.planted!.strategies.map((s) => s.strategy);
  t.deepEqual(strategies.sort(), ['gbdt', 'hot', 'random', 'tmrm-hu']);
  t.true(results.rq2.faithfulness.some((f) => f.model === 'tmrm-hu' && f.samples >= 2));
  t.deepEqual(
    results.prequential.map((c) => c.model),
    ['tmrm-hu', 'deepfm'],
  );
  for (const curve of results.prequential) {
    t.true(curve.points.length > 3);
    t.is(curve.points[curve.points.length - 1].samples, curve.overall.samples);
  }
  t.true(results.examples.length > 0);
  t.true(results.examples[0].items.every((item) => item.explanation.length > 0));

  // report.md: the comparison table shows exactly the stored summaries.
  const markdown = await readFile(join(out, 'report.md'), 'utf8');
  const rows = markdownRows(markdown, "## RQ1: accuracy (the paper's figure 3)");
  t.deepEqual(
    rows.map((row) => [row[0], row[1], row[2]]),
    results.summary.map((s) => [
      s.model,
      `${formatMetric(s.auc.mean)} ± ${formatMetric(s.auc.std!)}`,
      `${formatMetric(s.logloss.mean)} ± ${formatMetric(s.logloss.std!)}`,
    ]),
  );

  // report.html: carries the same results and draws one bar per model at the stored mean.
  const html = await readFile(join(out, 'report.html'), 'utf8');
  const embedded = /<script type="application\/json" id="tmrm-results">(.*?)<\/script>/s.exec(html);
  t.deepEqual(
    JSON.parse(embedded![1]),
    JSON.parse(await readFile(join(out, 'results.json'), 'utf8')),
  );
  for (const s of results.summary) {
    t.true(html.includes(`data-label="${s.model}" data-value="${s.auc.mean}"`));
  }

  // The split is exported for other tools: one CSV line per row plus the header.
  const train = await readFile(join(out, 'split', 'train.csv'), 'utf8');
  t.is(train.trim().split('\n').length, results.configuration.dataset.rows.train + 1);
  t.is(
    JSON.parse(await readFile(join(out, 'split', 'mapping.json'), 'utf8')).format,
    'tmrm-mapping',
  );
});

test('tmrm eval names unknown models and lists the available ones', async (t) => {
  const error = await t.throwsAsync(
    run(process.execPath, [
      bin,
      'eval',
      '--dataset',
      'synthetic',
      '--models',
      'nope',
      '--out',
      '/tmp/none',
    ]),
  );
  const stderr = (error as Error & { stderr: string }).stderr;
  const all = 'tmrm-hu, tmrm-ow, deepfm, widedeep, ffm, fm, lr, gbdt, gbdt-lr, tem, gbdt-cent';
  t.true(stderr.includes(`unknown model(s): nope. Available: ${all}`), stderr);
});
