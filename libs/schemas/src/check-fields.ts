import { ValidationError } from './validation-error';
import type { ValidationLimits } from './validation-limits';

/** What every check needs: which record it is checking and the limits in force. */
export interface CheckContext {
  recordType: string;
  limits: ValidationLimits;
}

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `parent.key`, or `parent["odd key"]` for a key that is not an identifier. */
export function childPath(parent: string, key: string): string {
  if (!PLAIN_KEY.test(key)) return `${parent}[${JSON.stringify(key)}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

/** `parent[index]`. */
export function indexPath(parent: string, index: number): string {
  return `${parent}[${index}]`;
}

export function fail(ctx: CheckContext, path: string, rule: string, value: unknown): never {
  throw new ValidationError(ctx.recordType, path, rule, value);
}

export function checkObject(ctx: CheckContext, value: unknown, path: string): object {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(ctx, path, 'must be an object', value);
  }
  return value;
}

/**
 * An optional field (null for none) must still be present: avsc cannot write `undefined`, and
 * a missing field is more often a mistake than a deliberate "none". True when it holds a value.
 */
export function isPresentOptional(ctx: CheckContext, value: unknown, path: string): boolean {
  if (value === undefined) fail(ctx, path, 'is missing; use null for none', value);
  return value !== null;
}

export function checkString(ctx: CheckContext, value: unknown, path: string): string {
  if (typeof value !== 'string') fail(ctx, path, 'must be a string', value);
  return value;
}

/** An id: a non-blank string no longer than `limits.maxIdLength`. */
export function checkId(ctx: CheckContext, value: unknown, path: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    fail(ctx, path, 'must be a non-empty id string', value);
  }
  if (value.length > ctx.limits.maxIdLength) {
    const rule = `must be at most ${ctx.limits.maxIdLength} characters (limits.maxIdLength)`;
    fail(ctx, path, rule, value);
  }
  return value;
}

export function checkFinite(ctx: CheckContext, value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    fail(ctx, path, 'must be a finite number', value);
  }
  return value;
}

export function checkInteger(
  ctx: CheckContext,
  value: unknown,
  path: string,
  range: { min: number; max: number; limitName?: string },
): number {
  const within = `between ${range.min} and ${range.max}`;
  const rule = `must be an integer ${within}${range.limitName ? ` (${range.limitName})` : ''}`;
  if (typeof value !== 'number' || !Number.isInteger(value)) fail(ctx, path, rule, value);
  if (value < range.min || value > range.max) fail(ctx, path, rule, value);
  return value;
}

/** Epoch milliseconds within `limits.minTimestampMs..maxTimestampMs`. */
export function checkTimestamp(ctx: CheckContext, value: unknown, path: string): number {
  const { minTimestampMs, maxTimestampMs } = ctx.limits;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    fail(ctx, path, 'must be an integer number of epoch milliseconds', value);
  }
  if (value < minTimestampMs || value > maxTimestampMs) {
    const from = new Date(minTimestampMs).toISOString();
    const to = new Date(maxTimestampMs).toISOString();
    const rule =
      `must be epoch milliseconds from ${from} to ${to} ` +
      '(limits.minTimestampMs, limits.maxTimestampMs)';
    fail(ctx, path, rule, value);
  }
  return value;
}

/** An array of at most `max` elements; the caller checks the elements. */
export function checkArray(
  ctx: CheckContext,
  value: unknown,
  path: string,
  max: { count: number; limitName: string },
): unknown[] {
  if (!Array.isArray(value)) fail(ctx, path, 'must be an array', value);
  if (value.length > max.count) {
    fail(ctx, path, `must have at most ${max.count} elements (${max.limitName})`, value);
  }
  return value;
}

/** A string-keyed map of at most `limits.maxMapEntries` entries with non-blank keys. */
export function checkMap(ctx: CheckContext, value: unknown, path: string): Record<string, unknown> {
  const map = checkObject(ctx, value, path) as Record<string, unknown>;
  let entries = 0;
  for (const key in map) {
    entries += 1;
    if (key.trim() === '') fail(ctx, childPath(path, key), 'feature names must not be blank', key);
  }
  if (entries > ctx.limits.maxMapEntries) {
    const rule = `must have at most ${ctx.limits.maxMapEntries} entries (limits.maxMapEntries)`;
    fail(ctx, path, rule, map);
  }
  return map;
}
