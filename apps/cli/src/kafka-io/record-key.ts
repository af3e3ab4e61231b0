import type { RecordOf, RecordTypeName } from '@tmrm/schemas';

/**
 * The Kafka key of a record. Events, requests and recommendations are keyed by user, so
 * one user's records stay in order on one partition and a user's request and its reply
 * share a partition number. Profiles are keyed by their id: on a compacted topic the
 * latest profile per id is the state. Snapshot chunks are keyed by model and chunk index,
 * so compaction keeps the newest version of each chunk (readers check version and hash).
 */
export function recordKey<N extends RecordTypeName>(recordType: N, value: RecordOf<N>): string {
  const record = value as unknown as Record<string, unknown>;
  switch (recordType) {
    case 'UserProfile':
      return String(record.userId);
    case 'ItemProfile':
      return String(record.itemId);
    case 'ModelSnapshotChunk':
      return `${String(record.modelId)}/${String(record.chunkIndex)}`;
    default:
      return String(record.userId);
  }
}
