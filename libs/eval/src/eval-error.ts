import { TmrmError } from '@tmrm/common';

/**
 * An evaluation could not be computed from what it was given: a metric over
 * arrays of different lengths, an AUC over one class only, a results file of
 * another format. Retrying the same input never helps.
 */
export class EvalError extends TmrmError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { retriable: false, cause: options.cause });
  }
}
