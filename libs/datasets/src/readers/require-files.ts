import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { TmrmError } from '@tmrm/common';

/** Fails at open time, naming the missing file and how to get the data set. */
export function requireFiles(dataset: string, folder: string, files: string[], hint: string): void {
  for (const file of files) {
    if (!existsSync(join(folder, file))) {
      throw new TmrmError(`${dataset}: ${join(folder, file)} does not exist; ${hint}`);
    }
  }
}
