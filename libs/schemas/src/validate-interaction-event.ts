import {
  checkFinite,
  checkId,
  checkObject,
  isPresentOptional,
  checkTimestamp,
  fail,
  type CheckContext,
} from './check-fields';
import { checkFeatures } from './check-features';
import { EVENT_TYPES, type InteractionEvent } from './types';

export function validateInteractionEvent(ctx: CheckContext, value: unknown): InteractionEvent {
  const event = checkObject(ctx, value, '') as Record<string, unknown>;
  checkId(ctx, event.eventId, 'eventId');
  checkId(ctx, event.userId, 'userId');
  checkId(ctx, event.itemId, 'itemId');
  if (!(EVENT_TYPES as readonly unknown[]).includes(event.eventType)) {
    fail(ctx, 'eventType', `must be one of ${EVENT_TYPES.join(', ')}`, event.eventType);
  }
  if (isPresentOptional(ctx, event.value, 'value')) checkFinite(ctx, event.value, 'value');
  checkTimestamp(ctx, event.eventTimeMs, 'eventTimeMs');
  if (isPresentOptional(ctx, event.context, 'context'))
    checkFeatures(ctx, event.context, 'context');
  return event as unknown as InteractionEvent;
}
