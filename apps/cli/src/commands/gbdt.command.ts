import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { createLogger, TmrmError } from '@tmrm/common';
import {
  crossImportance,
  encodeLeaves,
  featureImportance,
  importLightgbmText,
  importXgboostJson,
  leafPaths,
  loadEnsemble,
  saveEnsemble,
  trainGbdt,
  type Ensemble,
} from '@tmrm/gbdt';
import { numberFlag } from '../gbdt/gbdt-flags';
import { readCsvMatrix, readMapping } from '../gbdt/read-csv-matrix';
import { splitMetrics, type SplitMetrics } from '../gbdt/split-metrics';

interface TrainFlags {
  train: string;
  valid: string;
  test?: string;
  mapping?: string;
  trees: string;
  depth: string;
  leaves?: string;
  lr: string;
  bins: string;
  threads: string;
  seed: string;
  lambda?: string;
  minChildWeight?: string;
  minSplitGain?: string;
  rowSubsample?: string;
  colSubsample?: string;
  earlyStopping?: string;
  json?: boolean;
  out?: string;
}

/**
 * `tmrm gbdt`: stage 1 of TMRM from the command line. `train` fits the tree
 * ensemble on CSVs as `tmrm data export` writes them, `leaves` prints the global
 * leaf ids of every row, `paths` the feature path of every leaf, `importance`
 * the gain of features and crosses, `import` converts XGBoost/LightGBM models.
 */
export function register(program: Command): void {
  const gbdt = program
    .command('gbdt')
    .description('stage 1: the gradient-boosted trees whose leaves explain');
  gbdt
    .command('train')
    .description('train on exported CSVs; prints training seconds, AUC and logloss per split')
    .requiredOption('--train <F>', 'training CSV (header, features, label)')
    .requiredOption('--valid <F>', 'validation CSV')
    .option('--test <F>', 'test CSV')
    .option('--mapping <M>', 'mapping.json of tmrm data export (categorical columns)')
    .option('--trees <N>', 'boosting rounds', '100')
    .option('--depth <D>', 'depth limit (0: none, needs --leaves)', '6')
    .option('--leaves <L>', 'leaf limit per tree, grown best-first')
    .option('--lr <X>', 'learning rate', '0.1')
    .option('--bins <B>', 'bins per feature including the missing bin (3..256)', '256')
    .option('--threads <T>', 'histogram threads (1: single-threaded)', '1')
    .option('--seed <S>', 'seed of sampling', '0')
    .option('--lambda <X>', 'L2 penalty on leaf weights (default 1)')
    .option('--min-child-weight <X>', 'least hessian sum per child (default 1)')
    .option('--min-split-gain <X>', 'least loss reduction of a split (default 0)')
    .option('--row-subsample <X>', 'fraction of rows per tree (default 1)')
    .option('--col-subsample <X>', 'fraction of features per tree (default 1)')
    .option('--early-stopping <R>', 'stop after R trees without a better validation logloss')
    .option('--json', 'print one JSON object')
    .option('--out <model.json>', 'save the model (tmrm-gbdt JSON)')
    .action((flags: TrainFlags) => runTrain(flags));
  gbdt
    .command('leaves')
    .description('print, per row of a CSV, its global leaf id in every tree (space-separated)')
    .requiredOption('--model <M>', 'model JSON')
    .requiredOption('--data <F>', "CSV with the model's feature columns")
    .option('--limit <N>', 'only the first N rows')
    .action((flags: { model: string; data: string; limit?: string }) => runLeaves(flags));
  gbdt
    .command('paths')
    .description("print every leaf's feature path: global id, tree, leaf, value, conditions")
    .requiredOption('--model <M>', 'model JSON')
    .option('--json', 'one JSON object per line')
    .action((flags: { model: string; json?: boolean }) => runPaths(flags));
  gbdt
    .command('importance')
    .description('gain and split counts per feature and per feature cross')
    .requiredOption('--model <M>', 'model JSON')
    .option('--top <N>', 'rows per table', '20')
    .action((flags: { model: string; top: string }) => runImportance(flags));
  gbdt
    .command('import')
    .description('convert an XGBoost JSON or LightGBM text model to a tmrm-gbdt model')
    .option('--xgboost <F>', 'model saved by XGBoost save_model("model.json")')
    .option('--lightgbm <F>', 'model saved by LightGBM save_model("model.txt")')
    .requiredOption('--out <model.json>', 'where to write the tmrm-gbdt model')
    .action((flags: { xgboost?: string; lightgbm?: string; out: string }) => runImport(flags));
}

async function runTrain(flags: TrainFlags): Promise<void> {
  const logger = createLogger({ name: 'tmrm.gbdt' });
  const mapping = readMapping(flags.mapping);
  const train = readCsvMatrix(flags.train, mapping);
  const valid = readCsvMatrix(flags.valid, mapping, train.features);
  const test = flags.test ? readCsvMatrix(flags.test, mapping, train.features) : null;
  const result = await trainGbdt(train, {
    trees: numberFlag('--trees', flags.trees, 'integer'),
    maxDepth: numberFlag('--depth', flags.depth, 'integer'),
    maxLeaves: numberFlag('--leaves', flags.leaves, 'integer'),
    learningRate: numberFlag('--lr', flags.lr, 'number'),
    maxBins: numberFlag('--bins', flags.bins, 'integer'),
    threads: numberFlag('--threads', flags.threads, 'integer'),
    seed: numberFlag('--seed', flags.seed, 'integer'),
    lambda: numberFlag('--lambda', flags.lambda, 'number'),
    minChildWeight: numberFlag('--min-child-weight', flags.minChildWeight, 'number'),
    minSplitGain: numberFlag('--min-split-gain', flags.minSplitGain, 'number'),
    rowSubsample: numberFlag('--row-subsample', flags.rowSubsample, 'number'),
    columnSubsample: numberFlag('--col-subsample', flags.colSubsample, 'number'),
    earlyStoppingRounds: numberFlag('--early-stopping', flags.earlyStopping, 'integer'),
    validation: valid,
    logger,
  });
  const { ensemble } = result;
  const metrics: Record<string, SplitMetrics> = {
    train: splitMetrics(ensemble, train),
    valid: splitMetrics(ensemble, valid),
  };
  if (test) metrics.test = splitMetrics(ensemble, test);
  if (flags.out) writeFileSync(flags.out, saveEnsemble(ensemble));

  const summary = {
    trainingSeconds: result.trainingSeconds,
    trees: ensemble.trees.length,
    leaves: ensemble.trees.reduce((sum, tree) => sum + tree.leafValue.length, 0),
    features: ensemble.features.length,
    metrics,
    ...(flags.out ? { model: flags.out } : {}),
  };
  if (flags.json) {
    console.log(JSON.stringify(summary));
    return;
  }
  console.log(
    `trained ${summary.trees} trees (${summary.leaves} leaves) in ${summary.trainingSeconds.toFixed(2)} s`,
  );
  for (const [split, m] of Object.entries(metrics)) {
    console.log(
      `${split.padEnd(5)}  rows ${m.rows}  AUC ${m.auc?.toFixed(4) ?? 'n/a'}  logloss ${m.logloss.toFixed(4)}`,
    );
  }
  if (flags.out) console.log(`model written to ${flags.out}`);
}

/** `tmrm gbdt paths | head` closes the pipe early: that is the reader's choice, not an error. */
function quietOnClosedPipe(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

function runLeaves(flags: { model: string; data: string; limit?: string }): void {
  quietOnClosedPipe();
  const ensemble = readModel(flags.model);
  const data = readCsvMatrix(flags.data, { label: 'label', categorical: [] }, ensemble.features, {
    labelRequired: false,
  });
  const limit = Math.min(
    numberFlag('--limit', flags.limit, 'integer') ?? data.rowCount,
    data.rowCount,
  );
  const ids = encodeLeaves(ensemble, data);
  const treeCount = ensemble.trees.length;
  const lines: string[] = [];
  for (let row = 0; row < limit; row++)
    lines.push(ids.subarray(row * treeCount, (row + 1) * treeCount).join(' '));
  process.stdout.write(lines.join('\n') + (lines.length > 0 ? '\n' : ''));
}

function runPaths(flags: { model: string; json?: boolean }): void {
  quietOnClosedPipe();
  const lines = leafPaths(readModel(flags.model)).map((path) =>
    flags.json
      ? JSON.stringify({
          globalLeaf: path.globalLeaf,
          tree: path.tree,
          leaf: path.leaf,
          value: path.value,
          conditions: path.conditions.map(({ feature, op, value, orMissing }) => ({
            feature,
            op,
            value,
            orMissing,
          })),
          text: path.text,
        })
      : `${path.globalLeaf}\t${path.tree}\t${path.leaf}\t${path.value.toPrecision(4)}\t${path.text}`,
  );
  process.stdout.write(lines.join('\n') + '\n');
}

function runImportance(flags: { model: string; top: string }): void {
  const ensemble = readModel(flags.model);
  const top = numberFlag('--top', flags.top, 'integer') ?? 20;
  console.log('feature\tgain\tsplits');
  for (const row of featureImportance(ensemble).slice(0, top))
    console.log(`${row.feature}\t${row.gain.toFixed(2)}\t${row.splits}`);
  for (const order of [2, 3] as const) {
    console.log(`\n${order === 2 ? 'pair' : 'triple'}\tgain\tsplits`);
    for (const row of crossImportance(ensemble, order).slice(0, top)) {
      console.log(`${row.features.join(' x ')}\t${row.gain.toFixed(2)}\t${row.splits}`);
    }
  }
}

function runImport(flags: { xgboost?: string; lightgbm?: string; out: string }): void {
  if (Boolean(flags.xgboost) === Boolean(flags.lightgbm)) {
    throw new TmrmError('gbdt import: pass exactly one of --xgboost F or --lightgbm F');
  }
  const ensemble = flags.xgboost
    ? importXgboostJson(readText(flags.xgboost))
    : importLightgbmText(readText(flags.lightgbm as string));
  writeFileSync(flags.out, saveEnsemble(ensemble));
  console.log(`imported ${ensemble.trees.length} trees from ${ensemble.source} to ${flags.out}`);
}

function readModel(path: string): Ensemble {
  return loadEnsemble(readText(path));
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (cause) {
    throw new TmrmError(`${path}: cannot read the file`, { cause });
  }
}
