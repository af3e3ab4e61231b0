import { TmrmError } from '@tmrm/common';

/**
 * A sample or batch handed to the model is malformed. `path` says where, such as
 * `batch[3].fields.age`. Retrying the same input cannot help.
 */
export class ModelInputError extends TmrmError {
  readonly path: string;

  constructor(path: string, problem: string) {
    super(`${path}: ${problem}`);
    this.path = path;
  }
}

/** A model snapshot cannot be read: wrong format, version or content hash, or truncated. */
export class SnapshotError extends TmrmError {}
