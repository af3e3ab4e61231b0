import { ConfigError } from '@tmrm/common';
import { DEFAULT_PLANTED_CROSSES, type PlantedCross } from './planted-crosses';

/** Options of the synthetic click-data generator. */
export interface SyntheticOptions {
  /** Number of users, at least 1. */
  users: number;
  /** Number of items, at least 1. */
  items: number;
  /** Number of impressions (events), each labelled click or not. */
  events: number;
  /** Seed of every random draw; the same seed gives the same data byte for byte. */
  seed: number;
  /** Event time of the first event, epoch ms; defaults to 2024-01-01T00:00:00Z. */
  startTimeMs?: number;
  /** Time covered by all events, ms; defaults to 28 days. */
  spanMs?: number;
  /** Intercept of the click logit; defaults to -2.5 (about 8% clicks before effects). */
  bias?: number;
  /** Standard deviation of the per-user logit effect; defaults to 0.5. */
  userEffectSd?: number;
  /** Standard deviation of the per-item logit effect; defaults to 0.5. */
  itemEffectSd?: number;
  /** Zipf exponent of item popularity in impressions; 0 = uniform. Defaults to 0.8. */
  popularityExponent?: number;
  /** The planted crosses; defaults to {@link DEFAULT_PLANTED_CROSSES}. */
  crosses?: readonly PlantedCross[];
}

export type ResolvedSyntheticOptions = Required<SyntheticOptions>;

const DAY_MS = 86_400_000;

/** Fills defaults and checks every option, failing with the option, value, rule and fix. */
export function resolveSyntheticOptions(options: SyntheticOptions): ResolvedSyntheticOptions {
  const resolved: ResolvedSyntheticOptions = {
    startTimeMs: Date.UTC(2024, 0, 1),
    spanMs: 28 * DAY_MS,
    bias: -2.5,
    userEffectSd: 0.5,
    itemEffectSd: 0.5,
    popularityExponent: 0.8,
    crosses: DEFAULT_PLANTED_CROSSES,
    ...options,
  };
  for (const name of ['users', 'items'] as const) {
    requireInteger(name, resolved[name], 1);
  }
  requireInteger('events', resolved.events, 0);
  requireInteger('seed', resolved.seed, 0);
  requireInteger('startTimeMs', resolved.startTimeMs, 0);
  requireInteger('spanMs', resolved.spanMs, 1);
  for (const name of ['userEffectSd', 'itemEffectSd', 'popularityExponent'] as const) {
    if (!(resolved[name] >= 0) || !Number.isFinite(resolved[name])) {
      throw new ConfigError(name, resolved[name], 'must be a finite number >= 0');
    }
  }
  if (!Number.isFinite(resolved.bias)) {
    throw new ConfigError('bias', resolved.bias, 'must be a finite number');
  }
  return resolved;
}

function requireInteger(option: string, value: number, minimum: number): void {
  if (!Number.isSafeInteger(value) || value < minimum) {
    throw new ConfigError(option, value, `must be an integer >= ${minimum}`);
  }
}
