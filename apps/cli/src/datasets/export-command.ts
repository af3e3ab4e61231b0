import type { Command } from 'commander';
import { ConfigError, createLogger } from '@tmrm/common';
import { exportDataset, openDataset, type SplitMethod } from '@tmrm/datasets';
import { openOptions, withDatasetOptions, type DatasetFlags } from './dataset-options';
import { integerOption, numberOption } from './parse-options';

interface ExportFlags extends DatasetFlags {
  out: string;
  seed: number;
  negatives: number;
  sampling: string;
  threshold?: number;
  split: string;
  valid: number;
  test: number;
  leaveLast: number;
}

/** Adds `tmrm data export` to the `data` command. */
export function registerExport(data: Command): void {
  const command = data
    .command('export')
    .description('apply the protocol (negatives, splits) and write train/valid/test CSV + mapping');
  withDatasetOptions(command)
    .requiredOption('--out <DIR>', 'folder for train.csv, valid.csv, test.csv, mapping.json')
    .option('--seed <S>', 'seed of sampling and splits', integerOption('--seed'), 1)
    .option('--negatives <N>', 'sampled negatives per positive', integerOption('--negatives'), 5)
    .option('--sampling <M>', 'negative sampling: uniform or popularity', 'uniform')
    .option(
      '--threshold <R>',
      'ratings >= R are positives (default: all)',
      numberOption('--threshold', -Infinity),
    )
    .option('--split <M>', 'random, time or leave-last', 'random')
    .option('--valid <F>', 'validation share (random/time)', numberOption('--valid'), 0.1)
    .option('--test <F>', 'test share (random/time)', numberOption('--test'), 0.1)
    .option(
      '--leave-last <N>',
      'per-user test/valid size for leave-last',
      integerOption('--leave-last', 1),
      1,
    )
    .action(runExport);
}

async function runExport(flags: ExportFlags): Promise<void> {
  if (flags.sampling !== 'uniform' && flags.sampling !== 'popularity') {
    throw new ConfigError('--sampling', flags.sampling, "must be 'uniform' or 'popularity'");
  }
  const logger = createLogger({ name: 'tmrm.data' });
  const reader = openDataset({ ...openOptions(flags), logger });
  const startedMs = performance.now();
  const summary = await exportDataset({
    reader,
    outDir: flags.out,
    logger,
    protocol: {
      seed: flags.seed,
      negativesPerPositive: flags.negatives,
      negativeSampling: flags.sampling,
      ratingThreshold: flags.threshold ?? null,
      split: flags.split as SplitMethod,
      validFraction: flags.valid,
      testFraction: flags.test,
      leaveLastN: flags.leaveLast,
    },
  });
  const seconds = ((performance.now() - startedMs) / 1000).toFixed(1);
  const { train, valid, test } = summary.rows;
  console.log(
    `exported ${summary.dataset} to ${flags.out} in ${seconds} s: ` +
      `train ${train}, valid ${valid}, test ${test} rows ` +
      `(${summary.positives} positives, ${summary.negatives} negatives, ${summary.columns} columns)`,
  );
  if (summary.negativeShortfall > 0) {
    console.log(
      `${summary.negativeShortfall} negatives could not be drawn (users who saw nearly every item)`,
    );
  }
  for (const line of reader.issues.summary()) console.log(`skipped: ${line}`);
}
