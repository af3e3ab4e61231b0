import { checkId, checkObject, checkTimestamp, type CheckContext } from './check-fields';
import { checkFeatures } from './check-features';
import type { ItemProfile, UserProfile } from './types';

export function validateUserProfile(ctx: CheckContext, value: unknown): UserProfile {
  const profile = checkObject(ctx, value, '') as Record<string, unknown>;
  checkId(ctx, profile.userId, 'userId');
  checkFeatures(ctx, profile.features, 'features');
  checkTimestamp(ctx, profile.updatedAtMs, 'updatedAtMs');
  return profile as unknown as UserProfile;
}

export function validateItemProfile(ctx: CheckContext, value: unknown): ItemProfile {
  const profile = checkObject(ctx, value, '') as Record<string, unknown>;
  checkId(ctx, profile.itemId, 'itemId');
  checkFeatures(ctx, profile.features, 'features');
  checkTimestamp(ctx, profile.updatedAtMs, 'updatedAtMs');
  return profile as unknown as ItemProfile;
}
