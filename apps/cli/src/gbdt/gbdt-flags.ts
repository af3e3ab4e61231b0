import { ConfigError } from '@tmrm/common';

/** Parses a numeric flag, failing with the flag, its value and the rule. */
export function numberFlag(
  flag: string,
  value: string | undefined,
  rule: 'integer' | 'number',
): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (
    value.trim() === '' ||
    Number.isNaN(parsed) ||
    (rule === 'integer' && !Number.isInteger(parsed))
  ) {
    throw new ConfigError(flag, value, `must be ${rule === 'integer' ? 'an integer' : 'a number'}`);
  }
  return parsed;
}
