import { createHash } from 'node:crypto';
import { ConfigError, TmrmError } from '@tmrm/common';
import type { ModelSnapshotChunk } from '@tmrm/schemas';

/** Options for {@link chunkSnapshot}. */
export interface ChunkSnapshotOptions {
  modelId: string;
  version: string;
  /** Bytes per chunk; default 512 KiB, well under the `models` topic's message limit. */
  chunkBytes?: number;
}

/**
 * Splits snapshot bytes into chunks small enough for one Kafka message each; every chunk
 * carries the sha256 of the whole, so a reader can tell a complete, intact snapshot from a
 * partial or corrupt one.
 */
export function chunkSnapshot(bytes: Buffer, options: ChunkSnapshotOptions): ModelSnapshotChunk[] {
  const size = options.chunkBytes ?? 512 * 1024;
  if (!Number.isInteger(size) || size < 1) {
    throw new ConfigError('chunkBytes', size, 'must be an integer >= 1');
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const chunkCount = Math.max(1, Math.ceil(bytes.length / size));
  return Array.from({ length: chunkCount }, (_, chunkIndex) => ({
    modelId: options.modelId,
    version: options.version,
    chunkIndex,
    chunkCount,
    bytes: Buffer.from(bytes.subarray(chunkIndex * size, (chunkIndex + 1) * size)),
    sha256,
  }));
}

/** A snapshot whose chunks arrived complete but whose bytes do not hash to the announced sha. */
export class CorruptSnapshotError extends TmrmError {}

/** Key of one chunk on the compacted `models` topic: unique per version and index. */
export function chunkKey(
  chunk: Pick<ModelSnapshotChunk, 'modelId' | 'version' | 'chunkIndex'>,
): string {
  return `${chunk.modelId}/${chunk.version}/${chunk.chunkIndex}`;
}

/**
 * Reassembles snapshots from chunks that may arrive interleaved, duplicated, or never all.
 * `add` returns the whole snapshot once its last chunk is in and the bytes hash to the sha256
 * every chunk announced; it throws CorruptSnapshotError when they do not. Partial snapshots
 * are held for at most `maxPending` versions (the oldest are dropped), so memory is bounded.
 */
export class SnapshotAssembler {
  private readonly pending = new Map<
    string,
    { chunks: (Buffer | undefined)[]; have: number; sha256: string }
  >();

  constructor(private readonly maxPending = 4) {}

  add(chunk: ModelSnapshotChunk): { version: string; bytes: Buffer } | null {
    const key = `${chunk.modelId}/${chunk.version}/${chunk.sha256}`;
    let entry = this.pending.get(key);
    if (!entry) {
      entry = { chunks: new Array(chunk.chunkCount), have: 0, sha256: chunk.sha256 };
      this.pending.set(key, entry);
      while (this.pending.size > this.maxPending) {
        this.pending.delete(this.pending.keys().next().value as string);
      }
    }
    if (chunk.chunkIndex < 0 || chunk.chunkIndex >= entry.chunks.length) {
      throw new CorruptSnapshotError(
        `snapshot ${chunk.version}: chunk ${chunk.chunkIndex} outside 0..${entry.chunks.length - 1}`,
      );
    }
    if (entry.chunks[chunk.chunkIndex] === undefined) entry.have += 1;
    entry.chunks[chunk.chunkIndex] = chunk.bytes;
    if (entry.have < entry.chunks.length) return null;

    this.pending.delete(key);
    const bytes = Buffer.concat(entry.chunks as Buffer[]);
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== entry.sha256) {
      throw new CorruptSnapshotError(
        `snapshot ${chunk.version}: content hash ${actual} does not match the announced ` +
          `${entry.sha256}; the snapshot is rejected`,
      );
    }
    return { version: chunk.version, bytes };
  }
}
