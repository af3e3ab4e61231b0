import test from 'ava';
import type { PartitionMetadata } from 'kafkajs';
import { KeyPartitions } from './key-partitions';
import { PartitionedBatch } from './partitioned-batch';

const partitions = (count: number) =>
  new KeyPartitions(
    'events',
    Array.from({ length: count }, (_, partitionId): PartitionMetadata => ({
      partitionErrorCode: 0,
      partitionId,
      leader: 0,
      replicas: [0],
      isr: [0],
    })),
  );

test('no two requests of a batch share a partition, and each keeps its order', (t) => {
  const batch = new PartitionedBatch(partitions(6), 3);
  for (let i = 0; i < 600; i++) batch.add(`user-${i % 37}`, Buffer.from(String(i)));
  t.is(batch.size, 600);
  const requests = batch.take();
  t.is(batch.size, 0);
  t.is(requests.length, 3);
  t.is(
    requests.reduce((n, messages) => n + messages.length, 0),
    600,
  );

  const owner = new Map<number, number>();
  requests.forEach((messages, r) => {
    for (const message of messages) {
      const partition = message.partition as number;
      t.is(owner.get(partition) ?? r, r, `partition ${partition} is in one request only`);
      owner.set(partition, r);
    }
  });
  // Within a key, the values come out in the order they were added.
  const byKey = new Map<string, number[]>();
  for (const message of requests.flat()) {
    const key = (message.key as Buffer).toString();
    byKey.set(key, [...(byKey.get(key) ?? []), Number(String(message.value))]);
  }
  for (const [key, values] of byKey) {
    t.deepEqual(
      values,
      [...values].sort((a, b) => a - b),
      key,
    );
  }
});

test('take leaves out empty requests and starts a new batch', (t) => {
  const batch = new PartitionedBatch(partitions(6), 6);
  batch.add('only-user', Buffer.from('x'));
  const requests = batch.take();
  t.is(requests.length, 1);
  t.deepEqual(batch.take(), []);
});
