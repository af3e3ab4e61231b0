import { TmrmError } from '@tmrm/common';

/**
 * Input data broke a rule of the GBDT (wrong column length, a label that is not
 * 0/1 for logloss, a feature the model does not know). Never retriable: the same
 * data fails the same way.
 */
export class GbdtInputError extends TmrmError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { retriable: false, cause: options.cause });
  }
}

/**
 * A model file could not be read: another format, another version, or a field
 * missing or malformed. The message names the file's format/version and the field.
 */
export class GbdtFormatError extends TmrmError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { retriable: false, cause: options.cause });
  }
}
