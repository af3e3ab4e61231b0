import { ConfigError } from '@tmrm/common';
import { DATASET_KINDS } from '@tmrm/datasets';
import type { DemoSource } from './demo-data';

/** The flags of `tmrm demo`, as commander parses them. */
export interface DemoFlags {
  users: number;
  items: number;
  events?: number;
  seed: number;
  dataset?: string;
  path?: string;
  mapping?: string;
  negatives: number;
  requests: number;
  k: number;
  appLogLevel: string;
}

/** The data source the flags name; a ConfigError when --dataset and --path come apart. */
export function demoSource(flags: DemoFlags): DemoSource {
  if (flags.dataset === undefined && flags.path === undefined) {
    return {
      kind: 'synthetic',
      users: flags.users,
      items: flags.items,
      events: flags.events ?? 12_000,
      seed: flags.seed,
    };
  }
  if (flags.dataset === undefined || flags.path === undefined) {
    const [given, missing] =
      flags.dataset === undefined ? ['--path', '--dataset'] : ['--dataset', '--path'];
    throw new ConfigError(
      given,
      flags.dataset ?? flags.path,
      `needs ${missing} too`,
      `pass ${missing}`,
    );
  }
  if (!DATASET_KINDS.includes(flags.dataset)) {
    throw new ConfigError('--dataset', flags.dataset, `must be one of ${DATASET_KINDS.join(', ')}`);
  }
  return {
    kind: 'dataset',
    dataset: flags.dataset,
    path: flags.path,
    mappingPath: flags.mapping,
    events: flags.events,
  };
}
