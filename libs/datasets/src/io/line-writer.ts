import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

/**
 * Writes text lines to a file through a buffer, waiting for the disk whenever the stream says so,
 * so a million lines go out in a few large writes and memory stays bounded.
 */
export class LineWriter {
  private readonly stream: WriteStream;
  private buffer: string[] = [];
  private bufferedChars = 0;
  private failure: Error | null = null;
  linesWritten = 0;

  constructor(
    readonly path: string,
    private readonly flushChars = 1 << 20,
  ) {
    this.stream = createWriteStream(path, { encoding: 'utf8' });
    this.stream.on('error', (error) => (this.failure = error));
  }

  /**
   * Adds one line (without its newline). Returns a promise only when the buffer was flushed, so
   * hot loops await once per megabyte instead of once per line:
   * `const flushing = writer.write(line); if (flushing) await flushing;`
   */
  write(line: string): Promise<void> | undefined {
    this.buffer.push(line);
    this.bufferedChars += line.length + 1;
    this.linesWritten++;
    return this.bufferedChars >= this.flushChars ? this.flush() : undefined;
  }

  /** Hands the buffered lines to the file stream, waiting if the stream is saturated. */
  async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.buffer.length === 0) return;
    const chunk = this.buffer.join('\n') + '\n';
    this.buffer = [];
    this.bufferedChars = 0;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  /** Flushes and closes the file; rejects if any write failed. */
  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
    if (this.failure) throw this.failure;
  }
}
