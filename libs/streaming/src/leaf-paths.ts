import { leafPaths as gbdtLeafPaths, type Ensemble } from '@tmrm/gbdt';
import type { Condition, FeaturePath } from '@tmrm/schemas';

/**
 * A GBDT input column made from one value of a multi-valued field: the 0/1 indicator of
 * `genre` containing `Drama` is the column `genre=Drama`. Its splits read back as conditions on
 * the field itself (`genre = Drama`, i.e. contains; `genre not in {Drama}`).
 */
export const INDICATOR_SEPARATOR = '=';

/**
 * The feature path of every leaf, indexed by global leaf id, as the contract's FeaturePath
 * with weight = the leaf's value: @tmrm/gbdt's paths, with conditions on indicator columns
 * turned back into conditions on their multi-valued field.
 */
export function leafPaths(ensemble: Ensemble): FeaturePath[] {
  return gbdtLeafPaths(ensemble).map((path) => {
    const conditions: Condition[] = path.conditions.map((condition) => {
      const cut = condition.feature.indexOf(INDICATOR_SEPARATOR);
      if (cut <= 0) return { feature: condition.feature, op: condition.op, value: condition.value };
      const field = condition.feature.slice(0, cut);
      const value = condition.feature.slice(cut + 1);
      const contains = indicatorIsOne(condition.op, condition.value);
      return contains
        ? { feature: field, op: '=', value }
        : { feature: field, op: 'not in', value: `{${value}}` };
    });
    const rewritten = conditions.some((c, i) => c.feature !== path.conditions[i].feature);
    const text = rewritten ? render(conditions) : path.text;
    return { conditions, text, weight: path.value };
  });
}

/** Renders conditions as `a AND b`, the contract's text form. */
export function render(conditions: readonly Condition[]): string {
  if (conditions.length === 0) return '(all samples)';
  return conditions
    .map((c) =>
      c.op.startsWith('is ') ? `${c.feature} ${c.op}` : `${c.feature} ${c.op} ${c.value}`,
    )
    .join(' AND ');
}

/** Whether a condition on a 0/1 column selects the 1s (`>= 1`, `= 1`, `in [1, 1]`). */
function indicatorIsOne(op: string, value: string): boolean {
  if (op === '>=' || op === '=') return Number(value) > 0;
  if (op === 'in') return /^\[\s*1/.test(value);
  return false;
}
