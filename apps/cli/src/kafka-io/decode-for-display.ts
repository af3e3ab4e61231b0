import type { RecordCodec } from '@tmrm/schemas';
import type { RecordMeta } from '@tmrm/kafka';
import type { ShownRecord } from './format-record';

/**
 * A decoder for `tmrm consume` that never throws: a record that does not decode is
 * shown with its error and bytes instead of stopping the command, since a reading
 * tool must not write dead letters or skip silently.
 */
export function decodeForDisplay(
  recordType: string | null,
  codec: RecordCodec<unknown> | null,
): (bytes: Buffer | null, meta: RecordMeta) => ShownRecord {
  return (bytes, meta) => {
    const shown: ShownRecord = { ...meta, recordType };
    if (!codec) return { ...shown, bytes };
    if (bytes === null) return { ...shown, bytes, error: 'a tombstone (null value)' };
    try {
      return { ...shown, json: codec.toJson(codec.decode(bytes)) };
    } catch (error) {
      return { ...shown, bytes, error: error instanceof Error ? error.message : String(error) };
    }
  };
}
