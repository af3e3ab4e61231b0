import type { CheckContext } from './check-fields';
import type { RecordOf, RecordTypeName } from './types';
import { validateInteractionEvent } from './validate-interaction-event';
import { validateItemProfile, validateUserProfile } from './validate-profile';
import { validateRecommendationRequest } from './validate-recommendation-request';
import { validateRecommendation } from './validate-recommendation';
import { validateModelSnapshotChunk } from './validate-model-snapshot-chunk';

type Validator = (ctx: CheckContext, value: unknown) => unknown;

const VALIDATORS: Record<RecordTypeName, Validator> = {
  InteractionEvent: validateInteractionEvent,
  UserProfile: validateUserProfile,
  ItemProfile: validateItemProfile,
  RecommendationRequest: validateRecommendationRequest,
  Recommendation: validateRecommendation,
  ModelSnapshotChunk: validateModelSnapshotChunk,
};

/** Checks a record of the named type; throws a ValidationError naming the first broken rule. */
export function validateRecord<N extends RecordTypeName>(
  recordType: N,
  ctx: CheckContext,
  value: unknown,
): RecordOf<N> {
  return VALIDATORS[recordType](ctx, value) as RecordOf<N>;
}
