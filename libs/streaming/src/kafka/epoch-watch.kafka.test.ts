import { randomUUID } from 'node:crypto';
import test from 'ava';
import { createKafka } from '@tmrm/kafka';
import { CHECKPOINT_FORMAT, CHECKPOINT_VERSION, encodeCheckpoint } from '../checkpoint';
import { EpochWatch, type Writer } from './epoch-watch';
import { publishSnapshot } from './models-topic';

// Needs the broker that `npm run kafka:up` starts (or KAFKA_BROKERS).

/** A checkpoint whose header names its writer; the watch reads nothing else. */
function snapshotBy(writer: Writer, sequence: number): Buffer {
  return encodeCheckpoint({
    header: {
      format: CHECKPOINT_FORMAT,
      version: CHECKPOINT_VERSION,
      modelId: 'tmrm',
      snapshotVersion: `tmrm-v${sequence}-e${writer.epoch}`,
      sequence,
      createdAtMs: 0,
      leafEncodingVersion: 'g1',
      eventsTrained: 0,
      samplesTrained: 0,
      batchesTrained: 0,
      offsets: {},
      metrics: { auc: null, logLoss: null },
      gbdtFormat: 'tmrm-gbdt v1',
      ...writer,
    },
    behaviour: null,
    modelBytes: Buffer.from('model bytes are not read'),
  });
}

test('claims above every epoch on the topic; outranked() reads to the end before answering', async (t) => {
  const kafka = createKafka();
  const topic = `tmrm-test-${randomUUID().slice(0, 8)}.models`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  const producer = kafka.producer({ idempotent: true });
  await producer.connect();
  const outrankedBy: Writer[] = [];
  const watch = new EpochWatch({
    kafka,
    topic,
    modelId: 'tmrm',
    onOutranked: (writer) => outrankedBy.push(writer),
  });
  t.teardown(async () => {
    await Promise.allSettled([watch.stop(), producer.disconnect()]);
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });
  const publish = (writer: Writer, sequence: number) =>
    publishSnapshot({
      producer,
      topic,
      modelId: 'tmrm',
      version: `tmrm-v${sequence}-e${writer.epoch}`,
      bytes: snapshotBy(writer, sequence),
    });

  await publish({ epoch: 3, trainerId: 'a' }, 7);
  await publish({ epoch: 5, trainerId: 'b' }, 9);
  await publish({ epoch: 4, trainerId: 'c' }, 12);
  await watch.start();
  t.deepEqual(watch.newest, { epoch: 5, trainerId: 'b' });
  const mine = watch.claim('me', 2);
  t.deepEqual(mine, { epoch: 6, trainerId: 'me' });
  t.is(await watch.outranked(), null);

  await publish({ epoch: 6, trainerId: 'me' }, 13); // this trainer's own snapshot
  await publish({ epoch: 6, trainerId: 'la' }, 14); // same epoch, lower id: does not outrank
  t.is(await watch.outranked(), null);

  await publish({ epoch: 7, trainerId: 'next' }, 14);
  // Asked right after the send: the answer waits until the watch has read that far.
  t.deepEqual(await watch.outranked(), { epoch: 7, trainerId: 'next' });
  t.deepEqual(outrankedBy, [{ epoch: 7, trainerId: 'next' }], 'reported once');
});
