import type { Command } from 'commander';
import { writeSyntheticDataset } from '@tmrm/datasets';
import { integerOption } from '../datasets/parse-options';

interface SynthFlags {
  users: number;
  items: number;
  events: number;
  seed: number;
  out: string;
}

/**
 * `tmrm synth`: writes a synthetic click data set with known truth (planted feature crosses),
 * in tmrm's JSONL layout, for tests, demos and checking that explanations find the truth.
 */
export function register(program: Command): void {
  program
    .command('synth')
    .description('write a synthetic click data set with planted feature crosses and truth.json')
    .option('--users <U>', 'number of users', integerOption('--users', 1), 1000)
    .option('--items <I>', 'number of items', integerOption('--items', 1), 500)
    .option('--events <E>', 'number of impressions', integerOption('--events', 0), 100_000)
    .option('--seed <S>', 'random seed (same seed, same bytes)', integerOption('--seed', 0), 1)
    .requiredOption('--out <DIR>', 'folder to write into')
    .action(runSynth);
}

async function runSynth(flags: SynthFlags): Promise<void> {
  const startedMs = performance.now();
  const summary = await writeSyntheticDataset({
    users: flags.users,
    items: flags.items,
    events: flags.events,
    seed: flags.seed,
    outDir: flags.out,
    onProgress: (written) => process.stderr.write(`synth: ${written} events written\n`),
    progressEvery: 250_000,
  });
  const seconds = (performance.now() - startedMs) / 1000;
  console.log(
    `wrote ${summary.users} users, ${summary.items} items, ${summary.events} events ` +
      `(${summary.clicks} clicks) to ${summary.outDir} in ${seconds.toFixed(1)} s: ` +
      summary.files.join(', '),
  );
}
