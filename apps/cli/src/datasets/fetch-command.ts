import type { Command } from 'commander';
import { createLogger } from '@tmrm/common';
import { DATASET_CATALOG, fetchDataset } from '@tmrm/datasets';

interface FetchFlags {
  dir: string;
  baseUrl?: string;
}

/** Adds `tmrm data fetch NAME` to the `data` command. */
export function registerFetch(data: Command): void {
  data
    .command('fetch')
    .description('download a public data set where its terms allow, or say where to get it')
    .argument('<name>', Object.keys(DATASET_CATALOG).join(' | '))
    .option('--dir <D>', 'folder to download and unpack into', 'datasets')
    .option('--base-url <URL>', 'a mirror to download from instead of the official source')
    .action(runFetch);
}

async function runFetch(name: string, flags: FetchFlags): Promise<void> {
  const result = await fetchDataset({
    name,
    dir: flags.dir,
    baseUrl: flags.baseUrl,
    logger: createLogger({ name: 'tmrm.data' }),
  });
  if (result.status === 'manual') {
    console.log(`${name} cannot be downloaded automatically.\n${result.message}`);
    process.exitCode = 2;
    return;
  }
  for (const check of result.checks) console.log(`ok: ${check}`);
  console.log(
    `${name} is ready in ${result.folder} (use --dataset ${name} --path ${result.folder})`,
  );
  console.log(result.message);
}
