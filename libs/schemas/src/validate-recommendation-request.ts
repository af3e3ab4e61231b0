import {
  checkArray,
  checkId,
  checkInteger,
  checkObject,
  isPresentOptional,
  checkTimestamp,
  indexPath,
  type CheckContext,
} from './check-fields';
import { checkFeatures } from './check-features';
import type { RecommendationRequest } from './types';

export function validateRecommendationRequest(
  ctx: CheckContext,
  value: unknown,
): RecommendationRequest {
  const request = checkObject(ctx, value, '') as Record<string, unknown>;
  checkId(ctx, request.requestId, 'requestId');
  checkId(ctx, request.userId, 'userId');
  checkInteger(ctx, request.k, 'k', { min: 1, max: ctx.limits.maxK, limitName: 'limits.maxK' });
  if (isPresentOptional(ctx, request.candidateItemIds, 'candidateItemIds')) {
    const max = { count: ctx.limits.maxCandidates, limitName: 'limits.maxCandidates' };
    checkArray(ctx, request.candidateItemIds, 'candidateItemIds', max).forEach((itemId, index) =>
      checkId(ctx, itemId, indexPath('candidateItemIds', index)),
    );
  }
  if (isPresentOptional(ctx, request.context, 'context'))
    checkFeatures(ctx, request.context, 'context');
  checkTimestamp(ctx, request.requestedAtMs, 'requestedAtMs');
  return request as unknown as RecommendationRequest;
}
