import { ConfigError } from '@tmrm/common';

/**
 * Reads one setting from a flag (wins) or an environment variable, with its default, for the
 * apps' configuration. Errors name both spellings, so the user knows what to fix.
 */
export class OptionReader {
  constructor(
    private readonly flags: Record<string, string | undefined>,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  string(flag: string, envName: string, fallback: string): string {
    const value = this.flags[flag] ?? this.env[envName];
    return value === undefined || value === '' ? fallback : value;
  }

  integer(
    flag: string,
    envName: string,
    fallback: number,
    min: number,
    max = Number.MAX_SAFE_INTEGER,
  ): number {
    const raw = this.flags[flag] ?? this.env[envName];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      const name = `--${flag} (${envName})`;
      throw new ConfigError(
        name,
        raw,
        `must be an integer in ${min}..${max === Number.MAX_SAFE_INTEGER ? '∞' : max}`,
      );
    }
    return value;
  }

  choice<T extends string>(flag: string, envName: string, fallback: T, allowed: readonly T[]): T {
    const raw = this.flags[flag] ?? this.env[envName];
    if (raw === undefined || raw === '') return fallback;
    if (!(allowed as readonly string[]).includes(raw)) {
      throw new ConfigError(`--${flag} (${envName})`, raw, `must be one of ${allowed.join(', ')}`);
    }
    return raw as T;
  }
}
