import { TmrmError } from '@tmrm/common';

/**
 * A record broke a rule. `path` points at the offending field the way you would write it in
 * code (`context.numeric.age`, `candidateItemIds[3]`; empty for the record itself) and the
 * message names the record type, the path, the rule and the value found, e.g.
 * `InteractionEvent.context.numeric.age: must be a finite number (got NaN)`.
 * Never retriable: the same record fails the same way again.
 */
export class ValidationError extends TmrmError {
  readonly recordType: string;
  readonly path: string;
  readonly rule: string;

  constructor(recordType: string, path: string, rule: string, value: unknown) {
    const where = path === '' ? recordType : `${recordType}.${path}`;
    super(`${where}: ${rule} (got ${describeValue(value)})`);
    this.recordType = recordType;
    this.path = path;
    this.rule = rule;
  }
}

/** A short, readable rendering of a bad value for an error message. */
function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (Buffer.isBuffer(value)) return `${value.length} bytes`;
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object' && value !== null) {
    return `an object with ${Object.keys(value).length} keys`;
  }
  const shown = JSON.stringify(value) ?? String(value);
  return shown.length > 60 ? `${shown.slice(0, 57)}...` : shown;
}
