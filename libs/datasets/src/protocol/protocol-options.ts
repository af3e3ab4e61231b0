import { ConfigError } from '@tmrm/common';
import type { EventType } from '../records';

export type NegativeSampling = 'uniform' | 'popularity';
export type SplitMethod = 'random' | 'time' | 'leave-last';

/**
 * The evaluation protocol of the TMRM paper for implicit data: every interaction (or every
 * rating at or above a threshold) is a positive, and each positive gets N sampled negatives
 * among the items its user never interacted with. Labelled data sets skip the sampling.
 */
export interface ProtocolOptions {
  /** Seed of negative sampling and random splits; the same seed gives identical output. */
  seed?: number;
  /** Sampled negatives per positive; defaults to 5. */
  negativesPerPositive?: number;
  /** `uniform` over items, or `popularity` (in proportion to interaction counts). */
  negativeSampling?: NegativeSampling;
  /** A rating at or above this is a positive; null (default) makes every interaction one. */
  ratingThreshold?: number | null;
  /** Only these event types are positives; null (default) accepts every type. */
  positiveEventTypes?: EventType[] | null;
  /** `random` (default), `time` (the last part of the time range) or `leave-last` per user. */
  split?: SplitMethod;
  /** Share of samples (random) or of the time range (time) in validation; default 0.1. */
  validFraction?: number;
  /** Share of samples (random) or of the time range (time) in test; default 0.1. */
  testFraction?: number;
  /** With `leave-last`: each user's last n positives go to test, the n before to valid. */
  leaveLastN?: number;
}

export type ResolvedProtocolOptions = Required<ProtocolOptions>;

export function resolveProtocolOptions(options: ProtocolOptions = {}): ResolvedProtocolOptions {
  const resolved: ResolvedProtocolOptions = {
    seed: 1,
    negativesPerPositive: 5,
    negativeSampling: 'uniform',
    ratingThreshold: null,
    positiveEventTypes: null,
    split: 'random',
    validFraction: 0.1,
    testFraction: 0.1,
    leaveLastN: 1,
    ...stripUndefined(options),
  };
  if (!Number.isSafeInteger(resolved.seed) || resolved.seed < 0) {
    throw new ConfigError('seed', resolved.seed, 'must be an integer >= 0');
  }
  const n = resolved.negativesPerPositive;
  if (!Number.isSafeInteger(n) || n < 0 || n > 1000) {
    throw new ConfigError('negativesPerPositive', n, 'must be an integer from 0 to 1000');
  }
  if (!['uniform', 'popularity'].includes(resolved.negativeSampling)) {
    throw new ConfigError(
      'negativeSampling',
      resolved.negativeSampling,
      "must be 'uniform' or 'popularity'",
    );
  }
  if (!['random', 'time', 'leave-last'].includes(resolved.split)) {
    throw new ConfigError('split', resolved.split, "must be 'random', 'time' or 'leave-last'");
  }
  for (const name of ['validFraction', 'testFraction'] as const) {
    if (!(resolved[name] >= 0 && resolved[name] < 1)) {
      throw new ConfigError(name, resolved[name], 'must be in [0, 1)');
    }
  }
  if (resolved.validFraction + resolved.testFraction >= 1) {
    throw new ConfigError(
      'validFraction + testFraction',
      resolved.validFraction + resolved.testFraction,
      'must be below 1',
      'leave something to train on',
    );
  }
  if (!Number.isSafeInteger(resolved.leaveLastN) || resolved.leaveLastN < 1) {
    throw new ConfigError('leaveLastN', resolved.leaveLastN, 'must be an integer >= 1');
  }
  if (resolved.ratingThreshold !== null && !Number.isFinite(resolved.ratingThreshold)) {
    throw new ConfigError('ratingThreshold', resolved.ratingThreshold, 'must be a number or null');
  }
  return resolved;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
