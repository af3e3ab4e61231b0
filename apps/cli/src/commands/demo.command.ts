import { InvalidArgumentError, type Command } from 'commander';
import { DATASET_KINDS } from '@tmrm/datasets';
import { brokerLayout, startBroker } from '@tmrm/kafka-broker';
import { demoSource, type DemoFlags } from '../demo/demo-source';
import { runDemo } from '../demo/run-demo';

/**
 * `tmrm demo`, the README's run command (`npm start`): brings up the local broker unless
 * `KAFKA_BROKERS` points elsewhere, then runs the whole system on a synthetic data set, or on
 * a real one given `--dataset` and `--path`: trainer and scorer processes, replay, requests,
 * explained recommendations and a summary. Everything it starts is stopped, and its topics
 * deleted, before it returns.
 */
export function register(program: Command): void {
  program
    .command('demo')
    .description(
      'train online on a replayed data set (synthetic unless --dataset) and print explained ' +
        'recommendations',
    )
    .option('--users <n>', 'synthetic users', integer, 300)
    .option('--items <n>', 'synthetic items', integer, 150)
    .option('--events <n>', 'events replayed (synthetic: 12000; a data set: all of them)', integer)
    .option('--seed <n>', 'seed of the synthetic data set', integer, 7)
    .option('--dataset <kind>', `a real data set instead: ${DATASET_KINDS.join(', ')}`)
    .option('--path <path>', 'where the data set is (with --dataset)')
    .option('--mapping <file>', 'the column mapping of a csv, tsv or jsonl data set')
    .option('--negatives <n>', 'sampled negatives per positive, for positive-only data', count, 0)
    .option('--requests <n>', 'recommendation requests sent', integer, 5)
    .option('--k <n>', 'items per recommendation', integer, 5)
    .option('--app-log-level <level>', 'log level of trainer and scorer (stderr)', 'warn')
    .addHelpText(
      'after',
      '\nExample: tmrm demo --dataset ml-100k --path ../shared/datasets/ml-100k --events 20000',
    )
    .action(async (flags: DemoFlags) => {
      const source = demoSource(flags);
      if (!process.env.KAFKA_BROKERS) await startBroker(brokerLayout());
      await runDemo({ ...flags, source }, (line) => console.log(line));
    });
}

function integer(raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new InvalidArgumentError(`"${raw}" is not an integer >= 1`);
  return value;
}

function count(raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 100)
    throw new InvalidArgumentError(`"${raw}" is not an integer in 0..100`);
  return value;
}
