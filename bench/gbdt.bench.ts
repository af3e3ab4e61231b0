import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  encodeLeaves,
  predictMargin,
  rocAuc,
  sigmoid,
  trainGbdt,
  type Ensemble,
  type FeatureSpec,
  type LabelledMatrix,
} from '@tmrm/gbdt';
import { readCsvMatrix, readMapping } from '../apps/cli/src/gbdt/read-csv-matrix';
import { pythonWith } from './python';

/**
 * `npm run bench -- gbdt [--export DIR] [--trees N] [--skip-xgboost]`
 *
 * Stage-1 training speed and accuracy on the ml-100k 5-negative export
 * (`tmrm data export --dataset ml-100k`, written to DIR first if absent):
 * 100 trees, depth 6, learning rate 0.1, 256 bins. The same numeric matrix
 * (categorical labels as numbers: ids as themselves, other labels by sorted
 * order) goes to tmrm with 1 and 2 threads and to XGBoost `hist` on one thread
 * through python3 when `import xgboost` works; tmrm also runs once with
 * category-set splits on the mapping's categorical columns. Times are training
 * only (binning included, data loading excluded), wall and CPU seconds.
 */
const args = process.argv.slice(2);
const flag = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const exportDir = flag('--export') ?? join(tmpdir(), 'tmrm-bench-ml100k-export');
const trees = Number(flag('--trees') ?? 100);
const settings = { trees, maxDepth: 6, learningRate: 0.1, maxBins: 256 };
const progress = (message: string) => process.stderr.write(`[gbdt bench] ${message}\n`);

ensureExport(exportDir);
const mapping = readMapping(join(exportDir, 'mapping.json'));
const categorical = {
  train: readCsvMatrix(join(exportDir, 'train.csv'), mapping),
  valid: null as LabelledMatrix | null,
  test: null as LabelledMatrix | null,
};
categorical.valid = readCsvMatrix(
  join(exportDir, 'valid.csv'),
  mapping,
  categorical.train.features,
);
categorical.test = readCsvMatrix(join(exportDir, 'test.csv'), mapping, categorical.train.features);
const numericFeatures: FeatureSpec[] = categorical.train.features.map((f) => ({
  name: f.name,
  kind: 'numeric',
}));
const numeric = {
  train: asNumeric(categorical.train),
  valid: asNumeric(categorical.valid),
  test: asNumeric(categorical.test),
};
progress(`loaded ${numeric.train.rowCount} training rows x ${numericFeatures.length} features`);

const runs: Record<string, unknown> = {};
const one = await timed(
  'tmrm, 1 thread',
  () => trainGbdt(numeric.train, { ...settings, threads: 1 }),
  numeric.test,
);
runs.tmrm1Thread = one;
runs.tmrm2Threads = await timed(
  'tmrm, 2 threads',
  () => trainGbdt(numeric.train, { ...settings, threads: 2 }),
  numeric.test,
);
runs.tmrmCategorical1Thread = await timed(
  'tmrm, category-set splits, 1 thread',
  () => trainGbdt(categorical.train, { ...settings, threads: 1 }),
  categorical.test,
);
runs.leafEncoding = encodingSpeedOf(one.ensemble, numeric.test);
const xgboost = args.includes('--skip-xgboost') ? { skipped: '--skip-xgboost' } : runXgboost();
const two = runs.tmrm2Threads as { seconds: number };
const xgb = xgboost as { seconds?: number; cpuSeconds?: number; testAuc?: number };
console.log(
  JSON.stringify({
    benchmark: 'gbdt',
    data: `ml-100k 5-negative export by tmrm data export (${exportDir})`,
    rows: {
      train: numeric.train.rowCount,
      valid: numeric.valid.rowCount,
      test: numeric.test.rowCount,
    },
    features: numericFeatures.length,
    settings,
    machine: {
      cpus: (await import('node:os')).cpus().length,
      loadAverage1m: (await import('node:os')).loadavg()[0],
    },
    ...runs,
    xgboostHist1Thread: xgboost,
    ratios: xgb.seconds
      ? {
          wallVsXgboost: one.seconds / xgb.seconds,
          cpuVsXgboost: one.cpuSeconds / (xgb.cpuSeconds as number),
          aucMinusXgboost: one.testAuc - (xgb.testAuc as number),
          twoThreadsSpeedup: one.seconds / two.seconds,
        }
      : { twoThreadsSpeedup: one.seconds / two.seconds },
  }),
);

async function timed(
  name: string,
  train: () => ReturnType<typeof trainGbdt>,
  test: LabelledMatrix,
): Promise<{
  seconds: number;
  cpuSeconds: number;
  testAuc: number;
  trees: number;
  ensemble: Ensemble;
}> {
  progress(`training: ${name}`);
  const cpu = process.cpuUsage();
  const result = await train();
  const used = process.cpuUsage(cpu);
  const testAuc = rocAuc(test.labels, predictMargin(result.ensemble, test).map(sigmoid));
  progress(`${name}: ${result.trainingSeconds.toFixed(2)} s, test AUC ${testAuc.toFixed(4)}`);
  const stats = {
    seconds: result.trainingSeconds,
    cpuSeconds: (used.user + used.system) / 1e6,
    testAuc,
    trees: result.ensemble.trees.length,
  };
  // Kept for the encoding measurement, not enumerable so it stays out of the JSON.
  return Object.defineProperty(stats, 'ensemble', {
    value: result.ensemble,
    enumerable: false,
  }) as typeof stats & {
    ensemble: Ensemble;
  };
}

/** Rows per minute of `encodeLeaves` (global leaf id in every tree) with the 1-thread model. */
function encodingSpeedOf(
  ensemble: Ensemble,
  test: LabelledMatrix,
): { rowsPerMinute: number; trees: number } {
  encodeLeaves(ensemble, test);
  const started = performance.now();
  const repeats = 5;
  for (let r = 0; r < repeats; r++) encodeLeaves(ensemble, test);
  const minutes = (performance.now() - started) / 60_000;
  return {
    rowsPerMinute: Math.round((repeats * test.rowCount) / minutes),
    trees: ensemble.trees.length,
  };
}

/** Categorical columns as numbers: numeric labels (ids) as themselves, others by sorted label. */
function asNumeric(matrix: LabelledMatrix): LabelledMatrix {
  const columns = matrix.columns.map((column, f) => {
    const feature = matrix.features[f];
    if (feature.kind !== 'categorical') return column;
    const labels = feature.categories ?? [];
    const sorted = [...labels].sort();
    const value = labels.map((label) =>
      Number.isFinite(Number(label)) ? Number(label) : sorted.indexOf(label),
    );
    return column.map((code) => (Number.isNaN(code) ? NaN : value[code]));
  });
  return { ...matrix, features: numericFeatures, columns };
}

function ensureExport(dir: string): void {
  if (existsSync(join(dir, 'train.csv'))) return;
  progress(`exporting ml-100k to ${dir}`);
  mkdirSync(dir, { recursive: true });
  const result = spawnSync(
    'npx',
    [
      'tmrm',
      'data',
      'export',
      '--dataset',
      'ml-100k',
      '--path',
      '/work/shared/datasets/ml-100k',
      '--out',
      dir,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (result.status !== 0) throw new Error(`tmrm data export failed (exit ${result.status})`);
}

function runXgboost(): Record<string, unknown> {
  const python = pythonWith('xgboost');
  if (!python)
    return { skipped: 'python3 cannot import xgboost (apt-get install python3-xgboost)' };
  const folder = mkdtempSync(join(tmpdir(), 'tmrm-bench-xgb-'));
  try {
    for (const split of ['train', 'test'] as const) {
      const matrix = numeric[split];
      const width = matrix.columns.length;
      const rows = new Float64Array(matrix.rowCount * width);
      matrix.columns.forEach((column, f) => {
        for (let i = 0; i < matrix.rowCount; i++) rows[i * width + f] = column[i];
      });
      writeFileSync(join(folder, `${split}.x.f64`), rows);
      writeFileSync(join(folder, `${split}.y.f64`), matrix.labels);
    }
    progress(`training: XGBoost hist, 1 thread (${python})`);
    const script = fileURLToPath(new URL('./gbdt-xgboost.py', import.meta.url));
    const result = spawnSync(
      python,
      [script, folder, String(trees), '6', '0.1', '256', String(numeric.train.columns.length)],
      { encoding: 'utf8' },
    );
    if (result.status !== 0) return { failed: result.stderr.slice(-500) };
    const parsed = JSON.parse(result.stdout) as { seconds: number; testAuc: number };
    progress(`XGBoost: ${parsed.seconds.toFixed(2)} s, test AUC ${parsed.testAuc.toFixed(4)}`);
    return parsed;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
