import test from 'ava';
import { Partitioners, type PartitionMetadata } from 'kafkajs';
import { KeyPartitions, presetPartitioner } from './key-partitions';

const metadata = (count: number): PartitionMetadata[] =>
  Array.from({ length: count }, (_, partitionId) => ({
    partitionErrorCode: 0,
    partitionId,
    leader: 0,
    replicas: [0],
    isr: [0],
  }));

test('a key lands where kafkajs puts the same key sent as a string', (t) => {
  const partitionMetadata = metadata(6);
  const partitions = new KeyPartitions('events', partitionMetadata);
  const byDefault = Partitioners.DefaultPartitioner();
  const seen = new Set<number>();
  for (let user = 0; user < 2000; user++) {
    const key = `u${user}`;
    const expected = byDefault({
      topic: 'events',
      partitionMetadata,
      message: { key, value: null },
    });
    const placement = partitions.of(key);
    t.is(placement.partition, expected, key);
    t.true(placement.key.equals(Buffer.from(key)));
    seen.add(placement.partition);
  }
  t.is(seen.size, 6);
  t.is(partitions.partitionCount, 6);
});

test('a key is placed once and the same bytes are reused', (t) => {
  const partitions = new KeyPartitions('events', metadata(3));
  t.is(partitions.of('42'), partitions.of('42'));
});

test('presetPartitioner keeps a named partition and partitions the rest by key', (t) => {
  const partitionMetadata = metadata(4);
  const partition = presetPartitioner();
  const byDefault = Partitioners.DefaultPartitioner();
  t.is(
    partition({ topic: 't', partitionMetadata, message: { key: 'a', value: null, partition: 3 } }),
    3,
  );
  const message = { key: 'user-7', value: null };
  t.is(
    partition({ topic: 't', partitionMetadata, message }),
    byDefault({ topic: 't', partitionMetadata, message }),
  );
});
