/**
 * The record shapes of @tmrm/schemas, copied here while that library is being written at the
 * same time as this one (see /work/contracts.md). They are identical to the contract; once
 * @tmrm/schemas is on main this file re-exports from it instead of declaring them.
 */

/** Typed side-feature maps: every feature is categorical, numeric or multi-valued. */
export interface Features {
  categorical: Record<string, string>;
  numeric: Record<string, number>;
  /** Multi-valued categorical features, e.g. `genre: ['Drama', 'Comedy']`. */
  multi: Record<string, string[]>;
}

export type EventType = 'view' | 'click' | 'rating' | 'add_to_cart' | 'purchase';

/** One thing a user did with an item. */
export interface InteractionEvent {
  eventId: string;
  userId: string;
  itemId: string;
  eventType: EventType;
  /** An optional measurement, e.g. a rating. */
  value: number | null;
  /** When it happened, epoch milliseconds. */
  eventTimeMs: number;
  /** Context at the time of the event, e.g. hour, weekday. */
  context: Features | null;
}

/** A user's side features. */
export interface UserProfile {
  userId: string;
  features: Features;
  updatedAtMs: number;
}

/** An item's side features. */
export interface ItemProfile {
  itemId: string;
  features: Features;
  updatedAtMs: number;
}

/**
 * One test on a feature, e.g. `{feature: 'age', op: 'in', value: '[25, 34]'}` or
 * `{feature: 'category', op: '=', value: 'Books'}`.
 */
export interface Condition {
  feature: string;
  op: string;
  value: string;
}

/** An empty feature map, a fresh object each call so callers may fill it. */
export function emptyFeatures(): Features {
  return { categorical: {}, numeric: {}, multi: {} };
}
