/** The shared record shapes come from @tmrm/schemas; this file adds what readers need on top. */
import type { Features } from '@tmrm/schemas';

export type {
  Condition,
  EventType,
  Features,
  InteractionEvent,
  ItemProfile,
  UserProfile,
} from '@tmrm/schemas';

/** An empty feature map, a fresh object each call so callers may fill it. */
export function emptyFeatures(): Features {
  return { categorical: {}, numeric: {}, multi: {} };
}
