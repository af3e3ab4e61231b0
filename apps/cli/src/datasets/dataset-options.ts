import type { Command } from 'commander';
import { DATASET_KINDS, type OpenDatasetOptions } from '@tmrm/datasets';

/** The flags every command that opens a data set shares. */
export interface DatasetFlags {
  dataset: string;
  path: string;
  strict?: boolean;
  mapping?: string;
  fieldMap?: string;
  userField?: string;
  itemField?: string;
}

/** Adds --dataset, --path, --strict and the format-specific flags to a command. */
export function withDatasetOptions(command: Command): Command {
  return command
    .requiredOption('--dataset <D>', `data-set kind: ${DATASET_KINDS.join(', ')}`)
    .requiredOption('--path <P>', 'folder holding the data set (the file for single-file formats)')
    .option('--strict', 'fail on the first malformed line instead of skipping and counting it')
    .option('--mapping <FILE>', 'csv/tsv/jsonl: mapping file describing the columns')
    .option('--field-map <FILE>', 'libfm/libsvm: "index field" file naming feature fields')
    .option('--user-field <F>', 'libfm/libsvm/libffm: field holding the user id (default f0)')
    .option('--item-field <F>', 'libfm/libsvm/libffm: field holding the item id (default f1)');
}

/** The {@link OpenDatasetOptions} the flags describe. */
export function openOptions(flags: DatasetFlags): Omit<OpenDatasetOptions, 'logger'> {
  return {
    dataset: flags.dataset,
    path: flags.path,
    strict: flags.strict,
    mappingPath: flags.mapping,
    fieldMapPath: flags.fieldMap,
    userField: flags.userField,
    itemField: flags.itemField,
  };
}
