import type { ExecutionContext } from 'ava';
import { TestScheduler } from 'rxjs/testing';
import type { InteractionEvent, ItemProfile, UserProfile } from '@tmrm/schemas';

/** A TestScheduler whose assertions are ava's deep equality; used by the marble tests only. */
export function marbleScheduler(t: ExecutionContext): TestScheduler {
  return new TestScheduler((actual, expected) => t.deepEqual(actual, expected));
}

/** An interaction event for tests, with overrides. */
export function interaction(overrides: Partial<InteractionEvent> = {}): InteractionEvent {
  return {
    eventId: 'e1',
    userId: 'u1',
    itemId: 'i1',
    eventType: 'click',
    value: null,
    eventTimeMs: 1_700_000_000_000,
    context: null,
    ...overrides,
  };
}

export function userProfile(userId: string, age: number, gender: string): UserProfile {
  return {
    userId,
    features: { categorical: { gender }, numeric: { age }, multi: {} },
    updatedAtMs: 1,
  };
}

export function itemProfile(itemId: string, genres: string[]): ItemProfile {
  return {
    itemId,
    features: { categorical: {}, numeric: {}, multi: { genre: genres } },
    updatedAtMs: 1,
  };
}
