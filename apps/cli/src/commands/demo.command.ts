import { InvalidArgumentError, type Command } from 'commander';
import { brokerLayout, startBroker } from '@tmrm/kafka-broker';
import { runDemo } from '../demo/run-demo';

/**
 * `tmrm demo`, the README's run command (`npm start`): brings up the local broker unless
 * `KAFKA_BROKERS` points elsewhere, then runs the whole system on a synthetic data set:
 * trainer and scorer processes, replay, requests, explained recommendations and a summary.
 * Everything it starts is stopped, and its topics deleted, before it returns.
 */
export function register(program: Command): void {
  program
    .command('demo')
    .description(
      'train online on a replayed synthetic data set and print explained recommendations',
    )
    .option('--users <n>', 'synthetic users', integer, 300)
    .option('--items <n>', 'synthetic items', integer, 150)
    .option('--events <n>', 'interaction events replayed', integer, 12_000)
    .option('--requests <n>', 'recommendation requests sent', integer, 5)
    .option('--k <n>', 'items per recommendation', integer, 5)
    .option('--seed <n>', 'seed of the synthetic data set', integer, 7)
    .option('--app-log-level <level>', 'log level of trainer and scorer (stderr)', 'warn')
    .action(
      async (options: {
        users: number;
        items: number;
        events: number;
        requests: number;
        k: number;
        seed: number;
        appLogLevel: string;
      }) => {
        if (!process.env.KAFKA_BROKERS) await startBroker(brokerLayout());
        await runDemo(options, (line) => console.log(line));
      },
    );
}

function integer(raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new InvalidArgumentError(`"${raw}" is not an integer >= 1`);
  return value;
}
