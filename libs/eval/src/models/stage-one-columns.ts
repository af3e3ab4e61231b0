import type { ColumnSpec, EvalSchema } from '../data/eval-split';

/**
 * The columns stage 1 may split on, and so the only ones an explanation can name: every
 * column except the user and item ids. Splits on id sets ("user_id in {u3, u17, ...}") would
 * make leaves that neither read as feature combinations nor generalise to new users; the
 * network still embeds the ids itself. Without a mapping the ids are unknown and every column
 * is used.
 */
export function stageOneColumns(schema: EvalSchema): ColumnSpec[] {
  const ids = new Set([schema.user, schema.item]);
  return schema.columns.filter((column) => !ids.has(column.name));
}
