import type { Producer } from 'kafkajs';
import { codecFor, type ModelSnapshotChunk } from '@tmrm/schemas';
import { chunkKey, chunkSnapshot } from '../snapshot-chunks';

const chunkCodec = codecFor('ModelSnapshotChunk');

/** Options for {@link publishSnapshot}. */
export interface PublishSnapshotOptions {
  producer: Producer;
  topic: string;
  modelId: string;
  version: string;
  bytes: Buffer;
  chunkBytes?: number;
  /** Chunks of older versions to delete (tombstones), so the compacted topic keeps only a few. */
  retire?: ChunkId[];
}

/**
 * Publishes a snapshot to the compacted `models` topic: its chunks, each keyed
 * `modelId/version/index` (unique, so compaction never mixes two versions' chunks), in one
 * acknowledged send; then tombstones for the chunks of retired versions. A crash mid-way
 * leaves a partial version that readers ignore and the previous complete ones intact.
 * Returns the chunks sent, for retiring them later.
 */
export async function publishSnapshot(options: PublishSnapshotOptions): Promise<ChunkId[]> {
  const chunks = chunkSnapshot(options.bytes, {
    modelId: options.modelId,
    version: options.version,
    chunkBytes: options.chunkBytes,
  });
  await options.producer.send({
    topic: options.topic,
    acks: -1,
    messages: chunks.map((chunk) => ({
      key: chunkKey(chunk),
      value: chunkCodec.encode(chunk),
      headers: { 'tmrm-model-version': chunk.version },
    })),
  });
  const retire = options.retire ?? [];
  if (retire.length > 0) {
    await options.producer.send({
      topic: options.topic,
      acks: -1,
      messages: retire.map((chunk) => ({ key: chunkKey(chunk), value: null })),
    });
  }
  return chunks.map(({ modelId, version, chunkIndex }) => ({ modelId, version, chunkIndex }));
}

/** What names one chunk on the topic. */
export type ChunkId = Pick<ModelSnapshotChunk, 'modelId' | 'version' | 'chunkIndex'>;

/** Decodes a `models` record; null for a tombstone. */
export function decodeChunk(value: Buffer | null): ModelSnapshotChunk | null {
  return value === null ? null : chunkCodec.decode(value);
}
