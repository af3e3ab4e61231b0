import { parseArgs } from 'node:util';
import { ConfigError } from '@tmrm/common';

/**
 * Parses an app's command line: `--help`, the string flags named, and on/off `switches`.
 * Returns 'help' for `--help`; anything else unknown fails with a ConfigError pointing there.
 * Pair the result with {@link OptionReader} to give each flag its variable and default.
 *
 * @example
 * const flags = parseAppFlags(argv, ['group', 'port']);
 * if (flags === 'help') return 'help';
 * const o = new OptionReader(flags.values, env);
 */
export function parseAppFlags(
  argv: string[],
  names: readonly string[],
  switches: readonly string[] = [],
): { values: Record<string, string | undefined>; switches: Set<string> } | 'help' {
  let parsed: Record<string, string | boolean | undefined>;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        help: { type: 'boolean' },
        ...Object.fromEntries(names.map((name) => [name, { type: 'string' as const }])),
        ...Object.fromEntries(switches.map((name) => [name, { type: 'boolean' as const }])),
      },
      strict: true,
    }).values;
  } catch (error) {
    throw new ConfigError('arguments', argv.join(' '), (error as Error).message, 'see --help');
  }
  if (parsed.help) return 'help';
  const values: Record<string, string | undefined> = {};
  const on = new Set<string>();
  for (const [name, value] of Object.entries(parsed)) {
    if (typeof value === 'string') values[name] = value;
    else if (value === true) on.add(name);
  }
  return { values, switches: on };
}
