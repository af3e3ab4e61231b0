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

/** Checks the typed feature maps: strings, finite numbers, lists of strings, within limits. */
export function checkFeatures(ctx: CheckContext, value: unknown, path: string): Features {
  const features = checkObject(ctx, value, path) as Record<string, unknown>;
  for (const key of Object.keys(features)) {
    if (!KINDS.includes(key)) {
      fail(ctx, childPath(path, key), `is not a feature kind; use ${KINDS.join(', ')}`, key);
    }
  }

  const categoricalPath = childPath(path, 'categorical');
  for (const [name, label] of checkMap(ctx, features.categorical, categoricalPath)) {
    checkString(ctx, label, childPath(categoricalPath, name));
  }

  const numericPath = childPath(path, 'numeric');
  for (const [name, number] of checkMap(ctx, features.numeric, numericPath)) {
    checkFinite(ctx, number, childPath(numericPath, name));
  }

  const multiPath = childPath(path, 'multi');
  for (const [name, labels] of checkMap(ctx, features.multi, multiPath)) {
    const labelsPath = childPath(multiPath, name);
    const max = { count: ctx.limits.maxMultiValues, limitName: 'limits.maxMultiValues' };
    checkArray(ctx, labels, labelsPath, max).forEach((label, index) =>
      checkString(ctx, label, indexPath(labelsPath, index)),
    );
  }
  return features as unknown as Features;
}
