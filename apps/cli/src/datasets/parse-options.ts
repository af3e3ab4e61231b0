import { ConfigError } from '@tmrm/common';

/** Parses a command-line integer option, naming the option and the rule when it is not one. */
export function integerOption(option: string, minimum = 0) {
  return (text: string): number => {
    const value = Number(text.replace(/_/g, ''));
    if (!/^\s*-?[\d_]+\s*$/.test(text) || !Number.isSafeInteger(value) || value < minimum) {
      throw new ConfigError(option, text, `must be an integer >= ${minimum}`);
    }
    return value;
  };
}

/** Parses a command-line number option that must be finite and at least `minimum`. */
export function numberOption(option: string, minimum = 0) {
  return (text: string): number => {
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value) || value < minimum) {
      throw new ConfigError(option, text, `must be a number >= ${minimum}`);
    }
    return value;
  };
}
