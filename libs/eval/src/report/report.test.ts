import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { readEvalResults } from '../results/read-eval-results';
import type { EvalResults } from '../results/eval-results';
import { sampleResults } from '../testing/sample-results';
import { formatMetric, formatSeconds } from './format';
import { renderHtmlReport } from './html-report';
import { renderMarkdownReport } from './markdown-report';
import { writeReport } from './write-report';

/** Rows of the Markdown table that follows the line `heading` (a `##`/`###` title). */
function markdownTableAfter(markdown: string, heading: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.indexOf(heading);
  if (start < 0) throw new Error(`no heading ${heading}`);
  const rows: string[][] = [];
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('#')) break;
    if (!line.startsWith('|')) continue;
    rows.push(line.slice(2, -2).split(' | '));
  }
  return rows.slice(2); // header and rule
}

/** Rows of the HTML table with data-table="name", cell text unescaped. */
function htmlTable(html: string, name: string): string[][] {
  const match = new RegExp(`<table data-table="${name}">.*?<tbody>(.*?)</tbody>`, 's').exec(html);
  if (!match) throw new Error(`no table ${name}`);
  return [...match[1].matchAll(/<tr>(.*?)<\/tr>/g)].map((row) =>
    [...row[1].matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((cell) =>
      cell[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'),
    ),
  );
}

/** `0.7812 ± 0.0031` -> [mean, std]. */
function parseStat(cell: string): [number, number | null] {
  const [mean, std] = cell.split(' ± ');
  return [Number(mean), std === undefined ? null : Number(std)];
}

function close(
  t: { true(v: boolean, m?: string): void },
  shown: number,
  stored: number,
  decimals = 4,
) {
  t.true(Math.abs(shown - stored) <= 0.5 * 10 ** -decimals + 1e-12, `${shown} vs ${stored}`);
}

function checkComparisonRows(t: ExecutionContext, rows: string[][], results: EvalResults) {
  t.is(rows.length, results.summary.length);
  rows.forEach((row, i) => {
    const s = results.summary[i];
    t.is(row[0], s.model);
    const [aucMean, aucStd] = parseStat(row[1]);
    const [llMean, llStd] = parseStat(row[2]);
    close(t, aucMean, s.auc.mean);
    close(t, aucStd!, s.auc.std!);
    close(t, llMean, s.logloss.mean);
    close(t, llStd!, s.logloss.std!);
    close(t, parseStat(row[3])[0], s.trainSeconds.mean, 1);
    t.is(Number(row[4]), s.auc.n);
  });
}

test('writeReport writes three files and results.json reads back identical', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'tmrm-eval-report-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const results = sampleResults();
  const files = await writeReport(results, join(dir, 'out'));
  t.deepEqual(await readEvalResults(files.resultsJson), results);
  t.true((await readFile(files.reportMd, 'utf8')).startsWith('# tmrm evaluation'));
  t.true((await readFile(files.reportHtml, 'utf8')).startsWith('<!doctype html>'));
});

test('report.md shows exactly the numbers of results.json', (t) => {
  const results = sampleResults();
  const markdown = renderMarkdownReport(results);

  checkComparisonRows(
    t,
    markdownTableAfter(markdown, "## RQ1: accuracy (the paper's figure 3)"),
    results,
  );

  const runs = markdownTableAfter(markdown, '### Every run');
  t.is(runs.length, results.runs.length);
  runs.forEach((row, i) => {
    const run = results.runs[i];
    t.deepEqual(row.slice(0, 5), [
      run.model,
      String(run.seed),
      formatMetric(run.auc),
      formatMetric(run.logloss),
      formatSeconds(run.trainSeconds),
    ]);
  });

  for (const sweep of results.sweeps) {
    const rows = markdownTableAfter(
      markdown,
      `### ${sweep.parameter} (${sweep.model}, plotted: ${sweep.metric})`,
    );
    t.deepEqual(
      rows.map((row) => Number(row[0])),
      sweep.points.map((p) => p.value),
    );
    rows.forEach((row, i) => close(t, parseStat(row[1])[0], sweep.points[i].auc.mean));
  }

  const planted = markdownTableAfter(markdown, '### Planted crosses (synthetic data)');
  t.deepEqual(
    planted,
    results.rq2.planted!.strategies.map((s) => [
      s.strategy,
      formatMetric(s.precision),
      formatMetric(s.recall),
    ]),
  );
  const faithful = markdownTableAfter(markdown, '### Faithfulness')[0];
  const f = results.rq2.faithfulness[0];
  close(t, Number(faithful[3]), f.explainedDrop);
  close(t, Number(faithful[4]), f.randomDrop);
  close(t, Number(faithful[5]), f.difference.mean);
  t.is(
    faithful[6],
    `95%: [${formatMetric(f.difference.lower)}, ${formatMetric(f.difference.upper)}]`,
  );

  const prequential = markdownTableAfter(markdown, '## Prequential replay (`--online`)');
  t.is(prequential.length, results.prequential.length);
  prequential.forEach((row, i) => {
    const curve = results.prequential[i];
    t.is(row[0], curve.model);
    close(t, Number(row[4]), curve.overall.auc!);
    close(t, Number(row[7]), curve.points[curve.points.length - 1].logloss);
  });

  const example = markdownTableAfter(markdown, '### User u7 (tmrm-hu)');
  t.deepEqual(example[0], ['1', 'i3', '0.8100', 'yes', 'age in [25, 34] AND category = books']);
  t.deepEqual(example[1], ['2', 'i9', '0.4400', 'no', '(none)']);
  t.true(markdown.includes(`- ${results.notes[0]}`));
});

test('report.html embeds results.json and its tables and charts show the same numbers', (t) => {
  const results = sampleResults();
  const html = renderHtmlReport(results);

  const embedded = /<script type="application\/json" id="tmrm-results">(.*?)<\/script>/s.exec(html);
  t.deepEqual(JSON.parse(embedded![1]), JSON.parse(JSON.stringify(results)));

  checkComparisonRows(t, htmlTable(html, 'comparison'), results);
  t.is(htmlTable(html, 'runs').length, results.runs.length);

  // Figure 3: one bar per model in each chart, at the stored mean, error bar at ± sd.
  const bars = [
    ...html.matchAll(
      new RegExp(
        '<g class="bar" data-label="([^"]+)" data-value="([^"]+)" ' +
          'data-low="([^"]+)" data-high="([^"]+)">',
        'g',
      ),
    ),
  ];
  const aucBars = bars.slice(0, results.summary.length);
  const loglossBars = bars.slice(results.summary.length, 2 * results.summary.length);
  results.summary.forEach((s, i) => {
    t.is(aucBars[i][1], s.model);
    t.is(Number(aucBars[i][2]), s.auc.mean);
    t.true(Math.abs(Number(aucBars[i][3]) - (s.auc.mean - s.auc.std!)) < 1e-12);
    t.is(Number(loglossBars[i][2]), s.logloss.mean);
  });

  // Figures 4 and 5: one marked point per swept value at the stored mean.
  for (const sweep of results.sweeps) {
    const points = [...html.matchAll(/data-x="([^"]+)" data-y="([^"]+)"/g)].map((m) => [
      Number(m[1]),
      Number(m[2]),
    ]);
    for (const point of sweep.points) {
      t.true(points.some(([x, y]) => x === point.value && y === point[sweep.metric].mean));
    }
    const table = htmlTable(html, `sweep-${sweep.parameter}-${sweep.model}`);
    table.forEach((row, i) => close(t, parseStat(row[2])[0], sweep.points[i].logloss.mean));
  }

  t.deepEqual(
    htmlTable(html, 'planted').map((row) => row[0]),
    results.rq2.planted!.strategies.map((s) => s.strategy),
  );
  close(
    t,
    Number(htmlTable(html, 'faithfulness')[0][5]),
    results.rq2.faithfulness[0].difference.mean,
  );
  t.is(htmlTable(html, 'prequential').length, 2);
  t.regex(html, /<span class="path">age in \[25, 34\] AND category = books/);
});

test('report.html is self-contained: no external resources, no scripts to run', (t) => {
  const html = renderHtmlReport(sampleResults());
  t.notRegex(html, /\b(src|href)=/);
  t.notRegex(html, /@import|url\(/);
  t.is((html.match(/<script/g) ?? []).length, 1);
  t.is((html.match(/<svg/g) ?? []).length, (html.match(/<\/svg>/g) ?? []).length);
  t.true((html.match(/<svg/g) ?? []).length >= 9);
});

test('empty sections say what was not run instead of showing empty charts', (t) => {
  const results = sampleResults({
    runs: [],
    summary: [],
    sweeps: [],
    rq2: { planted: null, faithfulness: [] },
    prequential: [],
    examples: [],
    notes: [],
  });
  const markdown = renderMarkdownReport(results);
  t.regex(markdown, /No models were run/);
  t.regex(markdown, /No sweeps were asked for/);
  t.regex(markdown, /Not run: it needs a synthetic data set/);
  const html = renderHtmlReport(results);
  t.notRegex(html, /<svg/);
  t.regex(html, /Not run \(<code>--online<\/code>\)/);
});

test('text from the data is escaped in both reports', (t) => {
  const results = sampleResults();
  results.examples[0].userId = '<b>|x</b>';
  t.notRegex(renderHtmlReport(results), /<b>\|x/);
  t.regex(renderMarkdownReport(results), /### User <b>\|x<\/b>/);
});
