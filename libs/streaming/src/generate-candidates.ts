import { ConfigError } from '@tmrm/common';
import type { RecentBehaviour } from './recent-behaviour';

/** Options for {@link generateCandidates}. */
export interface GenerateCandidatesOptions {
  behaviour: RecentBehaviour;
  userId: string;
  /** Candidates wanted; fewer come back when the recent past knows fewer items. */
  maxCandidates: number;
  /** Share of the candidates taken from co-occurrence before popularity fills up; default 0.5. */
  coOccurrenceShare?: number;
}

/**
 * Candidates for a request that names none: items that co-occur with the user's recently liked
 * items (summed co-occurrence counts, strongest first), then recently popular items, without
 * anything the user already interacted with in the remembered history. Both sources are
 * bounded state, so this costs O(history × neighbours + popular list), independent of the
 * catalogue size. A user with no history gets popular items only (the cold-start answer).
 */
export function generateCandidates(options: GenerateCandidatesOptions): string[] {
  const { behaviour, userId, maxCandidates } = options;
  const share = options.coOccurrenceShare ?? 0.5;
  if (!Number.isInteger(maxCandidates) || maxCandidates < 1) {
    throw new ConfigError('maxCandidates', maxCandidates, 'must be an integer >= 1');
  }
  if (!(share >= 0 && share <= 1)) {
    throw new ConfigError('coOccurrenceShare', share, 'must be in [0, 1]');
  }

  const history = behaviour.history(userId);
  const consumed = new Set(history.map((entry) => entry.itemId));
  const scores = new Map<string, number>();
  for (const entry of history) {
    if (!entry.positive) continue;
    for (const [itemId, count] of behaviour.coOccurrence.of(entry.itemId)) {
      if (!consumed.has(itemId)) scores.set(itemId, (scores.get(itemId) ?? 0) + count);
    }
  }
  const coOccurring = [...scores.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, Math.round(maxCandidates * share))
    .map(([itemId]) => itemId);

  const out = new Set(coOccurring);
  for (const itemId of behaviour.popularItems(maxCandidates + consumed.size + out.size)) {
    if (out.size >= maxCandidates) break;
    if (!consumed.has(itemId)) out.add(itemId);
  }
  return [...out];
}
