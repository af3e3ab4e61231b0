import { TmrmError } from '@tmrm/common';

/**
 * Bytes that are not a record this reader can decode: too short, a wrong marker or magic byte,
 * a writer schema it does not know, or an Avro body that does not parse. Not retriable: the
 * bytes will not change (an unknown schema usually means the reader needs upgrading).
 */
export class DecodeError extends TmrmError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { retriable: false, cause: options.cause });
  }
}
