/**
 * The base of every error tmrm raises on purpose.
 *
 * `retriable` tells the caller whether trying the same thing again can help
 * (a broker that is restarting) or not (a malformed record, a bad option).
 * `cause` keeps the underlying error so nothing is lost when errors are wrapped.
 */
export class TmrmError extends Error {
  readonly retriable: boolean;

  constructor(message: string, options: { retriable?: boolean; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.retriable = options.retriable ?? false;
  }
}

/**
 * A configuration value broke a rule. The message names the option, the value,
 * the rule and how to fix it, and is raised when the configuration is built,
 * never later inside a running pipeline.
 */
export class ConfigError extends TmrmError {
  readonly option: string;

  constructor(option: string, value: unknown, rule: string, fix?: string) {
    const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
    super(`${option} = ${shown}: ${rule}${fix ? `; ${fix}` : ''}`);
    this.option = option;
  }
}
