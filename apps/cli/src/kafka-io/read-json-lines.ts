import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { TmrmError } from '@tmrm/common';

/** One line of a JSONL input with its 1-based number, for error messages. */
export interface NumberedLine {
  lineNumber: number;
  text: string;
}

/**
 * The non-blank lines of a file (or of standard input when `path` is undefined or `-`),
 * numbered as an editor numbers them. Fails at once, naming the path, if it cannot be read.
 */
export async function* readJsonLines(path: string | undefined): AsyncGenerator<NumberedLine> {
  const fromStdin = path === undefined || path === '-';
  if (!fromStdin) {
    const info = await stat(path).catch((cause: unknown) => {
      throw new TmrmError(`--file ${path}: cannot read it (${String(cause)})`, { cause });
    });
    if (!info.isFile()) throw new TmrmError(`--file ${path}: is not a file`);
  }
  const input = fromStdin ? process.stdin : createReadStream(path);
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const text of lines) {
    lineNumber += 1;
    if (text.trim() !== '') yield { lineNumber, text };
  }
}
