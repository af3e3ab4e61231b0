import { checkId, checkInteger, checkObject, fail, type CheckContext } from './check-fields';
import type { ModelSnapshotChunk } from './types';

const SHA256_HEX = /^[0-9a-f]{64}$/;

// Avro int: chunk counts beyond this cannot be written anyway.
const MAX_INT = 2 ** 31 - 1;

export function validateModelSnapshotChunk(ctx: CheckContext, value: unknown): ModelSnapshotChunk {
  const chunk = checkObject(ctx, value, '') as Record<string, unknown>;
  checkId(ctx, chunk.modelId, 'modelId');
  checkId(ctx, chunk.version, 'version');
  const chunkCount = checkInteger(ctx, chunk.chunkCount, 'chunkCount', { min: 1, max: MAX_INT });
  checkInteger(ctx, chunk.chunkIndex, 'chunkIndex', { min: 0, max: chunkCount - 1 });
  if (!Buffer.isBuffer(chunk.bytes)) fail(ctx, 'bytes', 'must be a Buffer', chunk.bytes);
  if (chunk.bytes.length > ctx.limits.maxChunkBytes) {
    const rule = `must be at most ${ctx.limits.maxChunkBytes} bytes (limits.maxChunkBytes)`;
    fail(ctx, 'bytes', rule, chunk.bytes);
  }
  if (typeof chunk.sha256 !== 'string' || !SHA256_HEX.test(chunk.sha256)) {
    fail(ctx, 'sha256', 'must be 64 lowercase hex digits (a sha256)', chunk.sha256);
  }
  return chunk as unknown as ModelSnapshotChunk;
}
