import { TmrmError } from '@tmrm/common';
import { checkBehaviourState, type BehaviourState } from './behaviour-state';

/**
 * The format name and the version this code writes. It reads versions 1 and 2: version 2
 * added the fencing epoch and trainer id to the header and the recent-behaviour section.
 */
export const CHECKPOINT_FORMAT = 'tmrm-checkpoint';
export const CHECKPOINT_VERSION = 2;
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
  /**
   * Fencing generation of the trainer that wrote it: each trainer that takes over a group
   * writes one more than any it found on the `models` topic, so a newer epoch wins over any
   * sequence, and a trainer that sees a newer epoch than its own stops. 0 in version 1.
   */
  epoch: number;
  /** Random id of the writing trainer process; breaks a tie of epochs. '' in version 1. */
  trainerId: string;
}

/**
 * A checkpoint: the header, the recent-behaviour counters (null when a checkpoint has none,
 * as version 1 never does) and a model snapshot (`serializeModel`, GBDT bytes inside).
 */
export interface Checkpoint {
  header: CheckpointHeader;
  behaviour: BehaviourState | null;
  modelBytes: Buffer;
}

/** A checkpoint's bytes are not one this build can read. */
export class CheckpointError extends TmrmError {}

/**
 * One byte buffer: "TMRMCKPT", the format version (uint32 LE), the header length (uint32 LE),
 * the recent-behaviour length (uint32 LE, 0 for none), the header as JSON, the behaviour as
 * JSON, then the model snapshot, which carries its own content hash. The snapshot chunks that
 * travel over Kafka carry the sha256 of this whole buffer. (Version 1 had no behaviour length
 * and no behaviour: 16 fixed bytes, header, model.)
 */
export function encodeCheckpoint(checkpoint: Checkpoint): Buffer {
  const header = Buffer.from(JSON.stringify(checkpoint.header), 'utf8');
  const behaviour = checkpoint.behaviour
    ? Buffer.from(JSON.stringify(checkpoint.behaviour), 'utf8')
    : Buffer.alloc(0);
  const fixed = Buffer.alloc(20);
  MAGIC.copy(fixed, 0);
  fixed.writeUInt32LE(CHECKPOINT_VERSION, 8);
  fixed.writeUInt32LE(header.length, 12);
  fixed.writeUInt32LE(behaviour.length, 16);
  return Buffer.concat([fixed, header, behaviour, checkpoint.modelBytes]);
}

/** Reads the bytes of {@link encodeCheckpoint} (versions 1 and 2); a CheckpointError says why. */
export function decodeCheckpoint(bytes: Buffer): Checkpoint {
  const layout = readLayout(bytes);
  const behaviourEnd = layout.behaviourStart + layout.behaviourLength;
  if (behaviourEnd > bytes.length) {
    throw new CheckpointError('checkpoint: truncated (the behaviour runs past the end)');
  }
  let behaviour: BehaviourState | null = null;
  if (layout.behaviourLength > 0) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(bytes.subarray(layout.behaviourStart, behaviourEnd).toString('utf8'));
    } catch (cause) {
      throw new CheckpointError('checkpoint: the recent-behaviour section is not JSON', { cause });
    }
    behaviour = checkBehaviourState(parsed);
  }
  return {
    header: layout.header,
    behaviour,
    modelBytes: Buffer.from(bytes.subarray(behaviourEnd)),
  };
}

/**
 * Reads only the header, from the first bytes of a checkpoint (the first chunk of a snapshot
 * is enough when the header fits in it), or returns null when they do not hold all of it.
 */
export function peekCheckpointHeader(prefix: Buffer): CheckpointHeader | null {
  try {
    return readLayout(prefix).header;
  } catch (error) {
    if (error instanceof CheckpointError && /truncated/.test(error.message)) return null;
    throw error;
  }
}

function readLayout(bytes: Buffer): {
  header: CheckpointHeader;
  behaviourStart: number;
  behaviourLength: number;
} {
  if (bytes.length < 16 || !bytes.subarray(0, 8).equals(MAGIC)) {
    throw new CheckpointError('checkpoint: not a tmrm checkpoint (bad magic bytes)');
  }
  const version = bytes.readUInt32LE(8);
  if (version !== 1 && version !== 2) {
    throw new CheckpointError(
      `checkpoint: format version ${version} is not supported; this build reads 1 and ` +
        `${CHECKPOINT_VERSION}`,
    );
  }
  const fixedLength = version === 1 ? 16 : 20;
  if (bytes.length < fixedLength) throw new CheckpointError('checkpoint: truncated (fixed part)');
  const headerLength = bytes.readUInt32LE(12);
  const behaviourLength = version === 1 ? 0 : bytes.readUInt32LE(16);
  const headerEnd = fixedLength + headerLength;
  if (headerEnd > bytes.length) {
    throw new CheckpointError('checkpoint: truncated (the header runs past the end)');
  }
  let header: CheckpointHeader;
  try {
    header = JSON.parse(bytes.subarray(fixedLength, headerEnd).toString('utf8'));
  } catch (cause) {
    throw new CheckpointError('checkpoint: the header is not JSON', { cause });
  }
  if (header.format !== CHECKPOINT_FORMAT || typeof header.snapshotVersion !== 'string') {
    throw new CheckpointError(`checkpoint: header format ${String(header.format)} is unknown`);
  }
  if (version === 1) Object.assign(header, { epoch: 0, trainerId: '' });
  if (!Number.isInteger(header.epoch) || header.epoch < 0 || typeof header.trainerId !== 'string') {
    throw new CheckpointError(
      `checkpoint: header epoch ${String(header.epoch)} or trainerId is malformed`,
    );
  }
  return { header, behaviourStart: headerEnd, behaviourLength };
}

/**
 * Orders checkpoint headers oldest to newest: by fencing epoch, then by trainer id (a tie of
 * epochs can only come from two trainers that took over at once), then by sequence.
 */
export function compareCheckpoints(a: CheckpointHeader, b: CheckpointHeader): number {
  if (a.epoch !== b.epoch) return a.epoch - b.epoch;
  if (a.trainerId !== b.trainerId) return a.trainerId < b.trainerId ? -1 : 1;
  return a.sequence - b.sequence;
}

/** `topic/partition`, the key of {@link CheckpointHeader.offsets}. */
export function partitionKey(topic: string, partition: number): string {
  return `${topic}/${partition}`;
}
