import { pino, type Logger as PinoLogger, type LevelWithSilent } from 'pino';

/** A structured logger: a constant message plus a context object. */
export type Logger = PinoLogger;

/** Options for {@link createLogger}. */
export interface LoggerOptions {
  /** Component namespace shown on every line, such as `trainer` or `kafka.consumer`. */
  name: string;
  /** Minimum level; defaults to `TMRM_LOG_LEVEL` or `info`. */
  level?: LevelWithSilent;
  /** Where lines go; defaults to standard error so standard output stays for data. */
  destination?: NodeJS.WritableStream;
}

const levels = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/**
 * Creates the root logger of a process. Libraries never create their own root:
 * they take a logger in their options and call `child({ component })` on it.
 *
 * @example
 * const log = createLogger({ name: 'trainer' });
 * log.info({ snapshotVersion: 3 }, 'snapshot published');
 */
export function createLogger(options: LoggerOptions): Logger {
  const fromEnv = process.env.TMRM_LOG_LEVEL;
  const level = options.level ?? (fromEnv && levels.has(fromEnv) ? fromEnv : 'info');
  return pino(
    { name: options.name, level, base: undefined },
    (options.destination ?? process.stderr) as pino.DestinationStream,
  );
}

/** A logger that drops everything, the default inside libraries when none is passed. */
export const silentLogger: Logger = pino({ level: 'silent' });
