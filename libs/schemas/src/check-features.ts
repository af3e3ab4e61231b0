import {
  checkArray,
  checkFinite,
  checkMap,
  checkObject,
  checkString,
  childPath,
  indexPath,
  fail,
  type CheckContext,
} from './check-fields';
import type { Features } from './types';

const KINDS = ['categorical', 'numeric', 'multi'];

/**
 * Checks the typed feature maps: strings, finite numbers, lists of strings, within limits.
 * It runs for every record in both directions, so the path of an entry is only built when the
 * entry fails.
 */
export function checkFeatures(ctx: CheckContext, value: unknown, path: string): Features {
  const features = checkObject(ctx, value, path) as Record<string, unknown>;
  for (const key in features) {
    if (!KINDS.includes(key)) {
      fail(ctx, childPath(path, key), `is not a feature kind; use ${KINDS.join(', ')}`, key);
    }
  }

  const categorical = checkMap(ctx, features.categorical, childPath(path, 'categorical'));
  for (const name in categorical) {
    const label = categorical[name];
    if (typeof label !== 'string') {
      checkString(ctx, label, childPath(childPath(path, 'categorical'), name));
    }
  }

  const numeric = checkMap(ctx, features.numeric, childPath(path, 'numeric'));
  for (const name in numeric) {
    const number = numeric[name];
    if (typeof number !== 'number' || !Number.isFinite(number)) {
      checkFinite(ctx, number, childPath(childPath(path, 'numeric'), name));
    }
  }

  const multi = checkMap(ctx, features.multi, childPath(path, 'multi'));
  const maxValues = { count: ctx.limits.maxMultiValues, limitName: 'limits.maxMultiValues' };
  for (const name in multi) {
    const labels = multi[name];
    if (!Array.isArray(labels) || labels.length > maxValues.count) {
      checkArray(ctx, labels, childPath(childPath(path, 'multi'), name), maxValues);
    }
    (labels as unknown[]).forEach((label, index) => {
      if (typeof label !== 'string') {
        checkString(ctx, label, indexPath(childPath(childPath(path, 'multi'), name), index));
      }
    });
  }
  return features as unknown as Features;
}
