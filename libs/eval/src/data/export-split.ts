import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EvalSplit, EvalTable } from './eval-split';

/**
 * Writes the split the evaluation used as `train.csv`, `valid.csv`, `test.csv`
 * and `mapping.json` in the contract's format (the one `tmrm data export`
 * writes), so XGBoost, PyTorch or `tmrm eval --train ... --mapping ...` can
 * reproduce any number of the report on identical rows.
 */
export async function exportSplit(split: EvalSplit, dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const names = split.schema.columns.map((column) => column.name);
  const header = [...names, 'label'].map(csvCell).join(',');
  const write = (file: string, table: EvalTable) => {
    const lines = table.rows.map((row, r) =>
      [...names.map((name) => csvCell(row[name])), String(table.labels[r])].join(','),
    );
    return writeFile(join(dir, file), `${[header, ...lines].join('\n')}\n`);
  };
  await write('train.csv', split.train);
  await write('valid.csv', split.valid);
  await write('test.csv', split.test);

  const { schema } = split;
  const mapping = {
    format: 'tmrm-mapping',
    version: 1,
    label: 'label',
    user: schema.user,
    item: schema.item,
    time: schema.time,
    categorical: schema.columns.filter((c) => c.kind === 'categorical').map((c) => c.name),
    numeric: schema.columns.filter((c) => c.kind === 'numeric').map((c) => c.name),
    multiValued: Object.fromEntries(
      Object.entries(schema.multiValued).map(([field, columns]) => [field, { columns }]),
    ),
  };
  await writeFile(join(dir, 'mapping.json'), `${JSON.stringify(mapping, null, 2)}\n`);
  return dir;
}

function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
