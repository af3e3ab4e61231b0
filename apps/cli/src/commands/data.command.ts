import type { Command } from 'commander';
import { registerExport } from '../datasets/export-command';
import { registerFetch } from '../datasets/fetch-command';

/**
 * `tmrm data`: public data sets. `export` applies the paper's protocol (sampled negatives,
 * splits) and writes CSV any tool can read; `fetch` downloads a data set where its terms allow.
 */
export function register(program: Command): void {
  const data = program
    .command('data')
    .description('read, prepare, export and fetch recommendation data sets');
  registerExport(data);
  registerFetch(data);
}
