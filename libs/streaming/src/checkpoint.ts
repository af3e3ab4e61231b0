import { TmrmError } from '@tmrm/common';

/** The format name and version this code writes and reads. */
export const CHECKPOINT_FORMAT = 'tmrm-checkpoint';
export const CHECKPOINT_VERSION = 1;
const MAGIC = Buffer.from('TMRMCKPT', 'ascii');

/** What a checkpoint says about the training run, beside the model bytes. */
export interface CheckpointHeader {
  format: typeof CHECKPOINT_FORMAT;
  version: number;
  modelId: string;
  /** The model version this checkpoint is, named in every recommendation it makes. */
  snapshotVersion: string;
  /** Increases by one per checkpoint of a run (continued across restarts). */
  sequence: number;
  createdAtMs: number;
  /** Version of the GBDT leaf space head 2 predicts. */
  leafEncodingVersion: string;
  /** Real interaction events trained on (synthetic negatives not counted). */
  eventsTrained: number;
  samplesTrained: number;
  batchesTrained: number;
  /**
   * The next offset to train per input partition, keyed `topic/partition` (`/` cannot occur
   * in a topic name). Everything before it is in the model, nothing after it: a restart
   * resumes here, so it neither skips nor re-trains an event.
   */
  offsets: Record<string, string>;
  /** Rolling progressive-validation metrics when the checkpoint was taken. */
  metrics: { auc: number | null; logLoss: number | null };
  /** Which serialization the GBDT inside the model snapshot uses. */
  gbdtFormat: string;
}

/** A checkpoint: the header plus a model snapshot (`serializeModel`, GBDT bytes inside). */
export interface Checkpoint {
  header: CheckpointHeader;
  modelBytes: Buffer;
}

/** A checkpoint's bytes are not one this build can read. */
export class CheckpointError extends TmrmError {}

/**
 * One byte buffer: "TMRMCKPT", the format version (uint32 LE), the header length (uint32 LE),
 * the header as JSON, then the model snapshot, which carries its own content hash. The
 * snapshot chunks that travel over Kafka carry the sha256 of this whole buffer.
 */
export function encodeCheckpoint(checkpoint: Checkpoint): Buffer {
  const header = Buffer.from(JSON.stringify(checkpoint.header), 'utf8');
  const fixed = Buffer.alloc(16);
  MAGIC.copy(fixed, 0);
  fixed.writeUInt32LE(CHECKPOINT_VERSION, 8);
  fixed.writeUInt32LE(header.length, 12);
  return Buffer.concat([fixed, header, checkpoint.modelBytes]);
}

/** Reads {@link encodeCheckpoint}'s bytes; fails with a CheckpointError saying what is wrong. */
export function decodeCheckpoint(bytes: Buffer): Checkpoint {
  if (bytes.length < 16 || !bytes.subarray(0, 8).equals(MAGIC)) {
    throw new CheckpointError('checkpoint: not a tmrm checkpoint (bad magic bytes)');
  }
  const version = bytes.readUInt32LE(8);
  if (version !== CHECKPOINT_VERSION) {
    throw new CheckpointError(
      `checkpoint: format version ${version} is not supported; this build reads ` +
        `${CHECKPOINT_VERSION}`,
    );
  }
  const headerLength = bytes.readUInt32LE(12);
  if (16 + headerLength > bytes.length) {
    throw new CheckpointError('checkpoint: truncated (the header runs past the end)');
  }
  let header: CheckpointHeader;
  try {
    header = JSON.parse(bytes.subarray(16, 16 + headerLength).toString('utf8'));
  } catch (cause) {
    throw new CheckpointError('checkpoint: the header is not JSON', { cause });
  }
  if (header.format !== CHECKPOINT_FORMAT || typeof header.snapshotVersion !== 'string') {
    throw new CheckpointError(`checkpoint: header format ${String(header.format)} is unknown`);
  }
  return { header, modelBytes: Buffer.from(bytes.subarray(16 + headerLength)) };
}

/** `topic/partition`, the key of {@link CheckpointHeader.offsets}. */
export function partitionKey(topic: string, partition: number): string {
  return `${topic}/${partition}`;
}
