import { ConfigError } from '@tmrm/common';
import type { Condition } from '../records';

/** A flat view of one sample's features: feature name to its value, absent when missing. */
export type FlatFeatures = Record<string, string | number | string[] | undefined>;

/** A compiled {@link Condition}: true when the sample satisfies it. */
export type ConditionTest = (features: FlatFeatures) => boolean;

/**
 * Compiles a feature-path condition (the contract's `Condition`) into a test on flat features.
 * Numeric ranges `[a, b]` are closed, `[a, b)` half-open; sets are written `{A, B}`. On a
 * multi-valued feature `=` means "contains" and `in` means "contains one of"; on a numeric one
 * `=` compares numbers.
 */
export function compileCondition(condition: Condition): ConditionTest {
  const { feature, op, value } = condition;
  switch (op) {
    case 'is missing':
      return (features) => features[feature] === undefined;
    case 'is not missing':
      return (features) => features[feature] !== undefined;
    case '<':
    case '>=': {
      const threshold = parseNumber(condition, value);
      return op === '<'
        ? (features) => numeric(features[feature]) < threshold
        : (features) => numeric(features[feature]) >= threshold;
    }
    case '=':
    case '!=': {
      // A numeric feature's value arrives as text: the GBDT writes `age = 31` for an integer
      // range holding one value.
      const number = Number(value);
      const same = (v: string | number) => v === value || (typeof v === 'number' && v === number);
      const equal = (features: FlatFeatures) => hasValue(features[feature], same);
      return op === '=' ? equal : (features) => features[feature] !== undefined && !equal(features);
    }
    case 'in':
    case 'not in': {
      const inside = setOrRange(condition);
      return op === 'in'
        ? (features) => hasValue(features[feature], inside)
        : (features) => features[feature] !== undefined && !hasValue(features[feature], inside);
    }
    default:
      throw new ConfigError(
        `condition ${feature}.op`,
        op,
        "must be one of '<', '>=', 'in', '=', 'not in', '!=', 'is missing', 'is not missing'",
      );
  }
}

/** Renders conditions as a feature path, e.g. `age in [25, 34] AND category = Books`. */
export function renderConditions(conditions: readonly Condition[]): string {
  return conditions
    .map((c) =>
      c.op.startsWith('is ') ? `${c.feature} ${c.op}` : `${c.feature} ${c.op} ${c.value}`,
    )
    .join(' AND ');
}

function numeric(value: FlatFeatures[string]): number {
  return typeof value === 'number' ? value : Number.NaN;
}

function hasValue(value: FlatFeatures[string], test: (v: string | number) => boolean): boolean {
  if (value === undefined) return false;
  if (Array.isArray(value)) return value.some(test);
  return test(value);
}

function setOrRange(condition: Condition): (v: string | number) => boolean {
  const text = condition.value.trim();
  const range = /^\[\s*([^,\s]+)\s*,\s*([^\])\s]+)\s*([\])])$/.exec(text);
  if (range) {
    const low = parseNumber(condition, range[1]);
    const high = parseNumber(condition, range[2]);
    const closed = range[3] === ']';
    return (v) => typeof v === 'number' && v >= low && (closed ? v <= high : v < high);
  }
  const set = /^\{(.*)\}$/.exec(text);
  if (set) {
    const members = new Set(set[1].split(',').map((member) => member.trim()));
    return (v) => members.has(String(v));
  }
  throw new ConfigError(
    `condition ${condition.feature}.value`,
    condition.value,
    "'in' needs a numeric range like [25, 34] or a set like {Drama, Comedy}",
  );
}

function parseNumber(condition: Condition, text: string): number {
  const parsed = Number(text);
  if (text.trim() === '' || !Number.isFinite(parsed)) {
    throw new ConfigError(`condition ${condition.feature}.value`, text, 'must be a number');
  }
  return parsed;
}
