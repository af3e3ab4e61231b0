import { ConfigError } from '@tmrm/common';

/** The bounds validation enforces. Every field is optional in options; these are the defaults. */
export interface ValidationLimits {
  /** Longest id (event, user, item, request, model, version), in UTF-16 code units. 256. */
  maxIdLength: number;
  /** Most entries in one feature map (categorical, numeric or multi). 256. */
  maxMapEntries: number;
  /** Most values in one multi-valued feature. 256. */
  maxMultiValues: number;
  /** Most candidate item ids in a recommendation request. 10,000. */
  maxCandidates: number;
  /** Largest `k` of a request, and most items in a recommendation. 1,000. */
  maxK: number;
  /** Most feature paths explaining one ranked item. 100. */
  maxExplanationPaths: number;
  /** Largest model snapshot chunk; Kafka's default max.message.bytes is 1,048,588. 1,000,000. */
  maxChunkBytes: number;
  /** Earliest timestamp, epoch ms. 0 (1970-01-01T00:00:00.000Z). */
  minTimestampMs: number;
  /** Latest timestamp, epoch ms. 4,133,980,799,999 (2100-12-31T23:59:59.999Z). */
  maxTimestampMs: number;
}

export const DEFAULT_VALIDATION_LIMITS: Readonly<ValidationLimits> = Object.freeze({
  maxIdLength: 256,
  maxMapEntries: 256,
  maxMultiValues: 256,
  maxCandidates: 10_000,
  maxK: 1_000,
  maxExplanationPaths: 100,
  maxChunkBytes: 1_000_000,
  minTimestampMs: Date.UTC(1970, 0, 1),
  maxTimestampMs: Date.UTC(2101, 0, 1) - 1,
});

/**
 * Fills in the defaults and checks the given limits at once, so a bad limit fails when the
 * codec is built rather than on the first record.
 */
export function resolveValidationLimits(given: Partial<ValidationLimits> = {}): ValidationLimits {
  const limits: ValidationLimits = { ...DEFAULT_VALIDATION_LIMITS };
  for (const [key, value] of Object.entries(given)) {
    if (value === undefined) continue;
    if (!(key in DEFAULT_VALIDATION_LIMITS)) {
      const known = Object.keys(DEFAULT_VALIDATION_LIMITS).join(', ');
      throw new ConfigError(`limits.${key}`, value, 'is not a validation limit', `use ${known}`);
    }
    const least = key === 'minTimestampMs' || key === 'maxTimestampMs' ? 0 : 1;
    if (!Number.isSafeInteger(value) || value < least) {
      throw new ConfigError(
        `limits.${key}`,
        value,
        `must be an integer >= ${least}`,
        `omit it for the default ${DEFAULT_VALIDATION_LIMITS[key as keyof ValidationLimits]}`,
      );
    }
    limits[key as keyof ValidationLimits] = value;
  }

  if (limits.minTimestampMs >= limits.maxTimestampMs) {
    throw new ConfigError(
      'limits.minTimestampMs',
      limits.minTimestampMs,
      `must be below limits.maxTimestampMs (${limits.maxTimestampMs})`,
    );
  }
  return limits;
}
