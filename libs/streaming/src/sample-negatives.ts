import { defer, mergeMap, type OperatorFunction } from 'rxjs';
import { ConfigError, seededRandom } from '@tmrm/common';
import type { RecentBehaviour } from './recent-behaviour';
import type { LabelledEvent } from './types';

/** Options for {@link sampleNegatives}. */
export interface SampleNegativesOptions {
  /** Where the candidate items and the users' histories are. */
  behaviour: RecentBehaviour;
  /** Negatives drawn per positive; default 4. */
  negativesPerPositive?: number;
  /** Seed of the draw, so a replay samples the same negatives; default 1. */
  seed?: number;
  /** Draws tried per negative before giving up on it (all recent items consumed); default 20. */
  maxAttemptsPerNegative?: number;
}

/**
 * For streams of positives only (ratings, purchases), adds sampled negatives after each
 * positive: the same user and context with another item, label 0, marked synthetic.
 *
 * Items are drawn from the bounded pool of recently liked items, with probability
 * proportional to their recent popularity (the usual choice: a popular item the user skipped
 * is more informative than an obscure one), and never an item the user interacted with in the
 * remembered history, the positive's own item, or an item already drawn for that positive.
 * While the pool is empty or too small, fewer negatives come out. Negatives of real negative
 * events are not added: those streams already carry their own.
 */
export function sampleNegatives(
  options: SampleNegativesOptions,
): OperatorFunction<LabelledEvent, LabelledEvent> {
  const perPositive = options.negativesPerPositive ?? 4;
  const attempts = options.maxAttemptsPerNegative ?? 20;
  if (!Number.isInteger(perPositive) || perPositive < 0) {
    throw new ConfigError('negativesPerPositive', perPositive, 'must be an integer >= 0');
  }
  if (!Number.isInteger(attempts) || attempts < 1) {
    throw new ConfigError('maxAttemptsPerNegative', attempts, 'must be an integer >= 1');
  }
  const { behaviour } = options;
  const seed = options.seed ?? 1;

  return (source) =>
    defer(() => {
      const random = seededRandom(seed);
      return source.pipe(
        mergeMap((labelled) => {
          if (labelled.label !== 1 || labelled.synthetic) return [labelled];
          const { event } = labelled;
          const chosen = new Set<string>([event.itemId]);
          const out: LabelledEvent[] = [labelled];
          for (let n = 0; n < perPositive; n += 1) {
            for (let attempt = 0; attempt < attempts; attempt += 1) {
              const itemId = behaviour.drawRecentItem(random);
              if (itemId === undefined) break;
              if (chosen.has(itemId) || behaviour.hasInteracted(event.userId, itemId)) continue;
              chosen.add(itemId);
              out.push({
                event: { ...event, itemId, eventId: `${event.eventId}#neg${n}` },
                label: 0,
                synthetic: true,
              });
              break;
            }
          }
          return out;
        }),
      );
    });
}
