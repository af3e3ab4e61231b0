import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { TmrmError } from '@tmrm/common';
import type { ReadIssues } from './read-issues';

/** One decoded line of a text file. */
export interface TextLine {
  text: string;
  /** 1-based line number. */
  lineNumber: number;
}

/** Options of {@link readLines}. */
export interface ReadLinesOptions {
  /** Where undecodable lines are reported (skipped unless strict). */
  issues: ReadIssues;
  /** `utf-8` (strict: bad bytes are an issue) or `latin1` (every byte is a character). */
  encoding?: 'utf-8' | 'latin1';
  /** Name used in issues; defaults to the file's base name. */
  fileLabel?: string;
  /** Skip the first line (a header the caller has read separately). */
  skipLines?: number;
}

/**
 * Streams a text file line by line in constant memory. Lines are split on `\n` at the byte
 * level, a trailing `\r` is dropped, and each line is decoded on its own, so one line with
 * invalid UTF-8 is reported with its number and skipped without losing its neighbours. Empty
 * lines are skipped silently.
 */
export async function* readLines(
  path: string,
  options: ReadLinesOptions,
): AsyncGenerator<TextLine> {
  const file = options.fileLabel ?? basename(path);
  const latin1 = options.encoding === 'latin1';
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const skipLines = options.skipLines ?? 0;
  let lineNumber = 0;
  let carry: Buffer | null = null;

  const decode = (bytes: Buffer): string | null => {
    lineNumber++;
    let end = bytes.length;
    if (end > 0 && bytes[end - 1] === 0x0d) end--;
    const body = bytes.subarray(lineNumber === 1 && hasBom(bytes) ? 3 : 0, end);
    if (lineNumber <= skipLines || body.length === 0) return null;
    if (latin1) return body.toString('latin1');
    try {
      return decoder.decode(body);
    } catch {
      options.issues.report(file, lineNumber, 'the line is not valid UTF-8');
      return null;
    }
  };

  let stream;
  try {
    stream = createReadStream(path, { highWaterMark: 1 << 20 });
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let start = 0;
      let newline = chunk.indexOf(0x0a, start);
      while (newline !== -1) {
        let bytes = chunk.subarray(start, newline);
        if (carry) {
          bytes = Buffer.concat([carry, bytes]);
          carry = null;
        }
        const text = decode(bytes);
        if (text !== null) yield { text, lineNumber };
        start = newline + 1;
        newline = chunk.indexOf(0x0a, start);
      }
      if (start < chunk.length) {
        const rest = chunk.subarray(start);
        carry = carry ? Buffer.concat([carry, rest]) : Buffer.from(rest);
      }
    }
  } catch (error) {
    throw new TmrmError(`cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
  if (carry) {
    const text = decode(carry);
    if (text !== null) yield { text, lineNumber };
  }
}

function hasBom(bytes: Buffer): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}
