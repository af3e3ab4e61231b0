export { TmrmError, ConfigError } from './errors';
export { createLogger, silentLogger } from './logger';
export type { Logger, LoggerOptions } from './logger';
export { seededRandom } from './seeded-random';
