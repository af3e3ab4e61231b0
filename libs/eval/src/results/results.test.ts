import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { sampleResults } from '../testing/sample-results';
import { parseEvalResults } from './parse-eval-results';
import { readEvalResults } from './read-eval-results';
import { summarizeRuns, summarizeSweep } from './summarize-runs';

test('a results object survives JSON and parses back unchanged', (t) => {
  const results = sampleResults();
  t.deepEqual(parseEvalResults(JSON.parse(JSON.stringify(results))), results);
});

test('summaries aggregate runs per model over seeds, models in first-seen order', (t) => {
  const summary = summarizeRuns([
    { model: 'b', seed: 1, auc: 0.7, logloss: 0.5, trainSeconds: 1 },
    { model: 'a', seed: 1, auc: 0.8, logloss: 0.4, trainSeconds: 2 },
    { model: 'b', seed: 2, auc: 0.72, logloss: 0.48, trainSeconds: 3 },
  ]);
  t.deepEqual(
    summary.map((s) => s.model),
    ['b', 'a'],
  );
  t.true(Math.abs(summary[0].auc.mean - 0.71) < 1e-12);
  t.true(Math.abs(summary[0].auc.std! - Math.sqrt(0.0002)) < 1e-12);
  t.is(summary[1].auc.std, null);
  const points = summarizeSweep([
    { value: 200, seed: 1, auc: 0.7, logloss: 0.5, trainSeconds: 1 },
    { value: 50, seed: 1, auc: 0.6, logloss: 0.6, trainSeconds: 1 },
  ]);
  t.deepEqual(
    points.map((p) => p.value),
    [50, 200],
  );
});

test('a wrong format, version or field is refused with its JSON path', (t) => {
  const results = sampleResults();
  t.throws(() => parseEvalResults({ ...results, format: 'other' }), {
    message: /format is "other"/,
  });
  t.throws(() => parseEvalResults({ ...results, version: 2 }), {
    message: /version 2 is not supported/,
  });
  const broken = JSON.parse(JSON.stringify(results));
  broken.runs[2].auc = 'high';
  t.throws(() => parseEvalResults(broken), {
    message: /runs\[2\]\.auc is "high"; expected a finite number/,
  });
  const missing = JSON.parse(JSON.stringify(results));
  delete missing.prequential[1].points[3].logloss;
  t.throws(() => parseEvalResults(missing), {
    message: /prequential\[1\]\.points\[3\]\.logloss is missing/,
  });
});

test('a summary that does not aggregate its runs is refused', (t) => {
  const tampered = JSON.parse(JSON.stringify(sampleResults()));
  tampered.summary[1].auc.mean += 0.01;
  t.throws(() => parseEvalResults(tampered), {
    message: /summary\[1\]\.auc does not aggregate the runs of deepfm/,
  });
  const sweep = JSON.parse(JSON.stringify(sampleResults()));
  sweep.sweeps[0].points[0].auc.mean = 0.99;
  t.throws(() => parseEvalResults(sweep), {
    message: /sweeps\[0\]\.points\[0\] does not aggregate/,
  });
});

test('readEvalResults names the file when it is not JSON', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'tmrm-eval-results-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const file = join(dir, 'results.json');
  await writeFile(file, '{"format": ');
  await t.throwsAsync(readEvalResults(file), { message: new RegExp(`${file} is not valid JSON`) });
  await t.throwsAsync(readEvalResults(join(dir, 'nope.json')), {
    message: /cannot read results file/,
  });
});
