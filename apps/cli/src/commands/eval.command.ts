import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { createLogger } from '@tmrm/common';
import {
  availableModels,
  modelTrainers,
  prepareSplit,
  runEvaluation,
  writeReport,
  type EvalResults,
} from '@tmrm/eval';
import { parseEvalFlags, type EvalFlags } from '../eval/eval-flags';
import { progressReporter } from '../eval/progress-reporter';

/**
 * `tmrm eval`: the paper's three questions on any data set in one command.
 * Trains every asked model on one split with one budget over several seeds
 * (RQ1), checks the explanations (RQ2), runs the sweeps (RQ3) and optionally a
 * prequential replay, then writes results.json, report.md and report.html.
 */
export function register(program: Command): void {
  const collect = (value: string, previous: string[]) => [...previous, value];
  program
    .command('eval')
    .description('compare models on one split and write results.json, report.md and report.html')
    .option('--dataset <D>', 'data-set kind (ml-100k, tmrm, csv, ...; synthetic generates one)')
    .option('--path <P>', 'where the data set is (folder or file)')
    .option('--train <F>', 'pre-split training CSV (as tmrm data export writes)')
    .option('--valid <F>', 'pre-split validation CSV')
    .option('--test <F>', 'pre-split test CSV')
    .option('--mapping <M>', 'mapping.json naming categorical, user, item and time columns')
    .option('--protocol <P>', 'paper (random split) or time (split by time)', 'paper')
    .option('--negatives <N>', 'sampled negatives per positive (paper: 5)', '5')
    .option('--models <LIST>', `comma-separated; available: ${availableModels().join(',')}`)
    .option('--seeds <N>', 'seeds per model (1..N)', '3')
    .requiredOption('--out <DIR>', 'folder for results.json, report.md, report.html, split/')
    .option('--sweep <NAME=V,...>', 'trees|depth|dropout|embedding sweep (repeatable)', collect, [])
    .option('--sweep-model <M>', 'model the sweeps vary (default: first TMRM variant)')
    .option('--online', 'also replay the data prequentially for TMRM and DeepFM', false)
    .option('--mini-batch <N>', 'prequential mini-batch size', '256')
    .option('--window <N>', 'prequential rolling window, samples', '5000')
    .option('--epochs <N>', 'most epochs per network', '10')
    .option('--batch-size <N>', 'network mini-batch size', '512')
    .option('--patience <N>', 'epochs without validation improvement before stopping', '2')
    .option(
      '--max-train-seconds <S>',
      "wall-clock seconds of each network's training loop; it then validates and stops",
    )
    .option(
      '--max-train-cpu-seconds <S>',
      "CPU seconds (user + system) of each network's training loop; fair under load",
    )
    .option('--validations-per-epoch <N>', 'validation checks per epoch (early stopping)', '1')
    .option('--lr <X>', 'network learning rate (Adam)', '0.001')
    .option('--embedding <K>', 'embedding size k', '8')
    .option('--hidden <W,...>', 'deep part layer widths', '200,200,200')
    .option('--dropout <P>', 'dropout of the deep part', '0.1')
    .option('--trees <N>', 'GBDT trees (stage 1)', '100')
    .option('--depth <N>', 'GBDT depth', '6')
    .option('--users <U>', 'synthetic users (--dataset synthetic without --path)', '1000')
    .option('--items <I>', 'synthetic items', '500')
    .option('--events <E>', 'synthetic impressions', '50000')
    .option('--no-rq2', 'skip the explanation checks')
    .option('--examples <N>', 'users shown with explained recommendations', '3')
    .action((flags: EvalFlags) => runEval(flags));
}

async function runEval(flags: EvalFlags): Promise<void> {
  const settings = parseEvalFlags(flags);
  const logger = createLogger({
    name: 'tmrm-eval',
    level: process.env.TMRM_LOG_LEVEL ? undefined : 'warn',
  });
  const startedMs = performance.now();
  const models = settings.models ?? availableModels();
  modelTrainers(models); // fails on an unknown name before any data is read
  const splitDir = join(flags.out, 'split');

  const split = await prepareSplit({
    dataset: flags.dataset,
    path: flags.path,
    train: flags.train,
    valid: flags.valid,
    test: flags.test,
    mapping: flags.mapping,
    protocol: settings.protocol,
    negativesPerPositive: settings.negatives,
    synthetic: settings.synthetic,
    exportDir: splitDir,
    logger,
  });
  process.stderr.write(
    `eval: split ready: ${split.train.rows.length} / ${split.valid.rows.length} / ` +
      `${split.test.rows.length} rows (train / valid / test)\n`,
  );

  const progress = progressReporter();
  let results: EvalResults;
  try {
    results = await runEvaluation({
      split,
      models,
      seeds: settings.seeds,
      budget: settings.budget,
      sweeps: settings.sweeps,
      sweepModel: flags.sweepModel,
      rq2: flags.rq2 ? { topK: 3, maxSamples: 200 } : null,
      online: settings.online
        ? {
            models: ['tmrm-hu', 'deepfm'].filter((name) => availableModels().includes(name)),
            ...settings.online,
            warmupShare: 0.1,
          }
        : null,
      exampleUsers: settings.examples,
      exportDir: split.description.exportedTo || flags.train ? undefined : splitDir,
      command: ['tmrm', ...process.argv.slice(2)],
      versions: { tmrm: tmrmVersion() },
      logger,
      onProgress: (event) => progress.update(event),
    });
  } finally {
    progress.stop();
  }
  const files = await writeReport(results, flags.out);
  const seconds = (performance.now() - startedMs) / 1000;
  for (const s of results.summary) {
    console.log(
      `${s.model.padEnd(10)} AUC ${s.auc.mean.toFixed(4)}  logloss ${s.logloss.mean.toFixed(4)}  ` +
        `train ${s.trainSeconds.mean.toFixed(1)} s`,
    );
  }
  console.log(
    `wrote ${files.resultsJson}, ${files.reportMd}, ${files.reportHtml} in ${seconds.toFixed(0)} s`,
  );
}

function tmrmVersion(): string {
  const file = new URL('../../../../package.json', import.meta.url);
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}
