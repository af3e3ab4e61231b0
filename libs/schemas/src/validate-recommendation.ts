import {
  checkArray,
  checkFinite,
  checkId,
  checkObject,
  isPresentOptional,
  checkString,
  checkTimestamp,
  childPath,
  fail,
  indexPath,
  type CheckContext,
} from './check-fields';
import { CONDITION_OPS, type Recommendation } from './types';

// A feature path is a root-to-leaf walk of one tree; trees deeper than this are not useful
// explanations and would only bloat the record.
const MAX_CONDITIONS = 64;

export function validateRecommendation(ctx: CheckContext, value: unknown): Recommendation {
  const recommendation = checkObject(ctx, value, '') as Record<string, unknown>;
  checkId(ctx, recommendation.requestId, 'requestId');
  checkId(ctx, recommendation.userId, 'userId');
  checkId(ctx, recommendation.modelVersion, 'modelVersion');
  const maxItems = { count: ctx.limits.maxK, limitName: 'limits.maxK' };
  checkArray(ctx, recommendation.items, 'items', maxItems).forEach((item, index) =>
    checkRankedItem(ctx, item, indexPath('items', index)),
  );
  checkTimestamp(ctx, recommendation.createdAtMs, 'createdAtMs');
  if (isPresentOptional(ctx, recommendation.error, 'error'))
    checkString(ctx, recommendation.error, 'error');
  return recommendation as unknown as Recommendation;
}

function checkRankedItem(ctx: CheckContext, value: unknown, path: string): void {
  const item = checkObject(ctx, value, path) as Record<string, unknown>;
  checkId(ctx, item.itemId, childPath(path, 'itemId'));
  checkFinite(ctx, item.score, childPath(path, 'score'));
  const explanationPath = childPath(path, 'explanation');
  const max = { count: ctx.limits.maxExplanationPaths, limitName: 'limits.maxExplanationPaths' };
  checkArray(ctx, item.explanation, explanationPath, max).forEach((featurePath, index) =>
    checkFeaturePath(ctx, featurePath, indexPath(explanationPath, index)),
  );
}

function checkFeaturePath(ctx: CheckContext, value: unknown, path: string): void {
  const featurePath = checkObject(ctx, value, path) as Record<string, unknown>;
  const conditionsPath = childPath(path, 'conditions');
  const max = { count: MAX_CONDITIONS, limitName: 'a feature path is one tree walk' };
  checkArray(ctx, featurePath.conditions, conditionsPath, max).forEach((condition, index) =>
    checkCondition(ctx, condition, indexPath(conditionsPath, index)),
  );
  checkString(ctx, featurePath.text, childPath(path, 'text'));
  checkFinite(ctx, featurePath.weight, childPath(path, 'weight'));
}

function checkCondition(ctx: CheckContext, value: unknown, path: string): void {
  const condition = checkObject(ctx, value, path) as Record<string, unknown>;
  const feature = checkString(ctx, condition.feature, childPath(path, 'feature'));
  if (feature.trim() === '') fail(ctx, childPath(path, 'feature'), 'must not be blank', feature);
  if (!(CONDITION_OPS as readonly unknown[]).includes(condition.op)) {
    const rule = `must be one of ${CONDITION_OPS.map((op) => `'${op}'`).join(', ')}`;
    fail(ctx, childPath(path, 'op'), rule, condition.op);
  }
  checkString(ctx, condition.value, childPath(path, 'value'));
}
