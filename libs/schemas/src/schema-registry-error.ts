import { TmrmError } from '@tmrm/common';

/**
 * A schema registry request failed. Retriable when the registry could not be reached, timed out
 * or answered 5xx; not when it refused the request (4xx: e.g. an incompatible schema, an
 * unknown id). `errorCode` is the registry's own code when it gave one (40403: schema not found).
 */
export class SchemaRegistryError extends TmrmError {
  readonly status: number | undefined;
  readonly errorCode: number | undefined;

  constructor(
    message: string,
    options: { retriable: boolean; status?: number; errorCode?: number; cause?: unknown },
  ) {
    super(message, { retriable: options.retriable, cause: options.cause });
    this.status = options.status;
    this.errorCode = options.errorCode;
  }
}
