import { CheckpointError } from './checkpoint';

/**
 * The recent-behaviour counters as a checkpoint carries them (format version 1): the user
 * histories and the popularity window of {@link RecentBehaviour}, so that a restarted trainer
 * featurizes the next events exactly as the one that stopped would have. Item ids are written
 * once each and referenced by index, which keeps a window of 10,000 positives small.
 */
export interface BehaviourState {
  version: typeof BEHAVIOUR_STATE_VERSION;
  /** Every item id referenced below, once. */
  items: string[];
  /**
   * Users, least recently active first, each with their history oldest first; an entry is
   * `itemIndex * 2 + (positive ? 1 : 0)`.
   */
  users: [userId: string, history: number[]][];
  /** The popularity window's positives, oldest first, as item indices. */
  window: number[];
}

export const BEHAVIOUR_STATE_VERSION = 1;

/** Checks that parsed JSON is a {@link BehaviourState}; a CheckpointError names the flaw. */
export function checkBehaviourState(value: unknown): BehaviourState {
  const state = value as BehaviourState;
  const fail = (rule: string) => {
    throw new CheckpointError(`checkpoint: recent-behaviour state ${rule}`);
  };
  if (typeof state !== 'object' || state === null) fail('is not an object');
  if (state.version !== BEHAVIOUR_STATE_VERSION) {
    fail(`has version ${String(state.version)}; this build reads ${BEHAVIOUR_STATE_VERSION}`);
  }
  if (!Array.isArray(state.items) || !Array.isArray(state.users) || !Array.isArray(state.window))
    fail('lacks items, users or window');
  const isIndex = (index: unknown) =>
    Number.isInteger(index) && (index as number) >= 0 && (index as number) < state.items.length;
  if (!state.window.every(isIndex)) fail('has a window entry outside the item table');
  for (const entry of state.users) {
    const ok =
      Array.isArray(entry) &&
      typeof entry[0] === 'string' &&
      Array.isArray(entry[1]) &&
      entry[1].every((code) => Number.isInteger(code) && isIndex(Math.floor(code / 2)));
    if (!ok) fail(`has a malformed user entry ${JSON.stringify(entry).slice(0, 80)}`);
  }
  return state;
}
