import test from 'ava';
import { RecentBehaviour } from './recent-behaviour';
import {
  CHECKPOINT_FORMAT,
  CHECKPOINT_VERSION,
  compareCheckpoints,
  decodeCheckpoint,
  encodeCheckpoint,
  peekCheckpointHeader,
  type Checkpoint,
  type CheckpointHeader,
} from './checkpoint';

function header(overrides: Partial<CheckpointHeader> = {}): CheckpointHeader {
  return {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    modelId: 'tmrm',
    snapshotVersion: 'tmrm-v3-e2',
    sequence: 3,
    createdAtMs: 1_700_000_000_000,
    leafEncodingVersion: 'g1',
    eventsTrained: 10,
    samplesTrained: 10,
    batchesTrained: 2,
    offsets: { 'in/0': '10' },
    metrics: { auc: 0.7, logLoss: 0.6 },
    gbdtFormat: 'tmrm-gbdt v1',
    epoch: 2,
    trainerId: 'b',
    ...overrides,
  };
}

/** The version 1 layout, as the previous build wrote it: 16 fixed bytes, header, model. */
function encodeVersion1(v1Header: object, modelBytes: Buffer): Buffer {
  const json = Buffer.from(JSON.stringify(v1Header), 'utf8');
  const fixed = Buffer.alloc(16);
  fixed.write('TMRMCKPT', 0, 'ascii');
  fixed.writeUInt32LE(1, 8);
  fixed.writeUInt32LE(json.length, 12);
  return Buffer.concat([fixed, json, modelBytes]);
}

test('version 2 round-trips header, epoch, trainer id, counters and model bytes', (t) => {
  const behaviour = new RecentBehaviour({ popularityWindowEvents: 3 });
  behaviour.record('u1', 'i1', true);
  behaviour.record('u2', 'i2', false);
  behaviour.record('u1', 'i3', true);
  const checkpoint: Checkpoint = {
    header: header(),
    behaviour: behaviour.exportState({ maxUsers: 10 }),
    modelBytes: Buffer.from([1, 2, 3, 250]),
  };
  const bytes = encodeCheckpoint(checkpoint);
  t.is(bytes.readUInt32LE(8), 2);
  t.deepEqual(decodeCheckpoint(bytes), checkpoint);
  t.deepEqual(peekCheckpointHeader(bytes.subarray(0, 40)), null, 'too short for the header');
  t.deepEqual(peekCheckpointHeader(bytes), checkpoint.header);
  t.deepEqual(
    decodeCheckpoint(encodeCheckpoint({ ...checkpoint, behaviour: null })).behaviour,
    null,
  );
});

test('version 1 checkpoints still read: epoch 0, no trainer id, no counters', (t) => {
  const { epoch: _epoch, trainerId: _trainerId, ...v1 } = header({ version: 1 });
  const decoded = decodeCheckpoint(encodeVersion1(v1, Buffer.from('model')));
  t.is(decoded.header.epoch, 0);
  t.is(decoded.header.trainerId, '');
  t.is(decoded.header.sequence, 3);
  t.is(decoded.behaviour, null);
  t.deepEqual(decoded.modelBytes, Buffer.from('model'));
});

test('unknown versions, truncation and a malformed counter section fail clearly', (t) => {
  const bytes = encodeCheckpoint({
    header: header(),
    behaviour: null,
    modelBytes: Buffer.from('m'),
  });
  const future = Buffer.from(bytes);
  future.writeUInt32LE(3, 8);
  t.throws(() => decodeCheckpoint(future), { message: /format version 3 is not supported/ });
  t.throws(() => decodeCheckpoint(bytes.subarray(0, 30)), { message: /truncated/ });
  const bad = encodeCheckpoint({
    header: header(),
    behaviour: { version: 1, items: ['i1'], users: [['u1', [7]]], window: [0] },
    modelBytes: Buffer.from('m'),
  });
  t.throws(() => decodeCheckpoint(bad), { message: /malformed user entry/ });
});

test('newer means a higher epoch first, then the trainer id, then the sequence', (t) => {
  const sorted = [
    header({ epoch: 2, trainerId: 'a', sequence: 9 }),
    header({ epoch: 1, trainerId: 'z', sequence: 50 }),
    header({ epoch: 2, trainerId: 'b', sequence: 4 }),
    header({ epoch: 2, trainerId: 'b', sequence: 5 }),
  ].sort(compareCheckpoints);
  t.deepEqual(
    sorted.map((h) => `${h.epoch}${h.trainerId}${h.sequence}`),
    ['1z50', '2a9', '2b4', '2b5'],
  );
});
