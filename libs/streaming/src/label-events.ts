import { filter, map, pipe, type OperatorFunction } from 'rxjs';
import { ConfigError } from '@tmrm/common';
import type { EventType, InteractionEvent } from '@tmrm/schemas';
import type { LabelledEvent, RecordPosition } from './types';

/** How interaction types map to the click label head 1 learns. */
export interface LabelPolicy {
  /** Types that count as a click; default click, add_to_cart, purchase. */
  positive: EventType[];
  /** Types that count as a non-click; default view. */
  negative: EventType[];
  /**
   * A `rating` event at or above this value is positive, below it negative; a rating without
   * a value is dropped. Default 4 (the usual MovieLens reading of "liked").
   */
  ratingThreshold: number;
}

export const DEFAULT_LABEL_POLICY: LabelPolicy = {
  positive: ['click', 'add_to_cart', 'purchase'],
  negative: ['view'],
  ratingThreshold: 4,
};

/** An event together with the record position it was read from. */
export interface PositionedEvent {
  event: InteractionEvent;
  source?: RecordPosition;
}

/**
 * Labels interactions for the click task by the policy: the listed positive types become 1,
 * the negative types 0, ratings by the threshold. Events of a type in neither list (and ratings
 * without a value) carry no click signal and are dropped.
 *
 * @param policy Overrides of {@link DEFAULT_LABEL_POLICY}; checked at once.
 */
export function labelEvents(
  policy: Partial<LabelPolicy> = {},
): OperatorFunction<PositionedEvent, LabelledEvent> {
  const labelOf = labelFunction({ ...DEFAULT_LABEL_POLICY, ...policy });
  // Hot path (every record): one object per event, from one of two fixed object literals, so
  // every labelled event has one of two shapes for joinProfiles' spread to copy; it replaces
  // an intermediate { positioned, label } pair and a conditional spread for `source`, two
  // extra objects per record (bench/ingest).
  return pipe(
    map((positioned): LabelledEvent | null => {
      const { event, source } = positioned;
      const label = labelOf(event);
      if (label === null) return null;
      return source
        ? { event, label, synthetic: false, source }
        : { event, label, synthetic: false };
    }),
    filter((labelled): labelled is LabelledEvent => labelled !== null),
  );
}

/** The label of one event by a policy, or null when it carries no click signal. */
export function labelFunction(policy: LabelPolicy): (event: InteractionEvent) => 0 | 1 | null {
  const both = policy.positive.filter((type) => policy.negative.includes(type));
  if (both.length > 0) {
    throw new ConfigError(
      'labelPolicy',
      both.join(','),
      'a type cannot be both positive and negative',
    );
  }
  if (!Number.isFinite(policy.ratingThreshold)) {
    throw new ConfigError('labelPolicy.ratingThreshold', policy.ratingThreshold, 'must be finite');
  }
  const positive = new Set<string>(policy.positive);
  const negative = new Set<string>(policy.negative);
  return (event) => {
    if (positive.has(event.eventType)) return 1;
    if (negative.has(event.eventType)) return 0;
    if (event.eventType === 'rating' && event.value !== null && Number.isFinite(event.value)) {
      return event.value >= policy.ratingThreshold ? 1 : 0;
    }
    return null;
  };
}
