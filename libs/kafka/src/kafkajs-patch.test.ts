import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import test from 'ava';

// patches/kafkajs+2.2.4.patch speeds up how kafkajs builds produce requests and their
// checksums (see the patch's comments); these tests hold it to writing exactly what kafkajs
// 2.2.4 wrote. The broker tests (round-trip, replay) check that the records are accepted and
// read back.
const require = createRequire(import.meta.url);
const kafkajsModule = (path: string): unknown => require(`kafkajs/src/${path}`);

interface FixtureMessage {
  key: Buffer | string | null;
  value: Buffer | string | null;
  timestamp: string;
  headers?: Record<string, string | (string | Buffer)[]>;
  partition?: number;
}
type GroupMessagesPerPartition = (args: {
  topic: string;
  partitionMetadata: { partitionId: number; leader: number }[];
  messages: FixtureMessage[];
  partitioner: (args: { message: FixtureMessage }) => number;
}) => Record<string, FixtureMessage[]>;
type ProduceRequestV3 = (args: {
  acks: number;
  timeout: number;
  compression: number;
  producerId: unknown;
  producerEpoch: number;
  topicData: {
    topic: string;
    partitions: { partition: number; firstSequence: number; messages: FixtureMessage[] }[];
  }[];
}) => { encode(): Promise<{ buffer: Buffer }> };

const groupMessagesPerPartition = kafkajsModule(
  'producer/groupMessagesPerPartition',
) as GroupMessagesPerPartition;
const produceRequest = kafkajsModule('protocol/requests/produce/v3/request') as ProduceRequestV3;
const long = kafkajsModule('utils/long') as { fromInt(value: number): unknown };
const crc32C = kafkajsModule('protocol/recordBatch/crc32C/crc32C') as (bytes: Buffer) => number;

const partitionCount = 5;
const partitionMetadata = Array.from({ length: partitionCount }, (_, partitionId) => ({
  partitionId,
  leader: 0,
}));

/** Messages of every shape a record can take: bytes or string or null, headers or none. */
const messageKinds: ((i: number) => FixtureMessage)[] = [
  (i) => ({
    key: Buffer.from(`u${i}`),
    value: Buffer.alloc(20 + (i % 300), i % 251),
    timestamp: `${1e12 + i}`,
  }),
  (i) => ({ key: null, value: `v${i}`, timestamp: `${1.6e12 + ((i * 7919) % 100_000)}` }),
  (i) => ({
    key: `k${i}`,
    value: Buffer.from('x'.repeat(i % 200)),
    timestamp: `${1.7e12 - i}`,
    headers: { trace: `t${i}`, tags: ['a', Buffer.from([i % 256])] },
  }),
  (i) => ({ key: Buffer.from(`u${i}`), value: null, timestamp: '1700000000000', partition: i % 5 }),
];

/** Spreads messages over the partitions by their index, or by the partition they name. */
const partitioner = ({ message }: { message: FixtureMessage }) =>
  message.partition ?? Number(message.timestamp.slice(-3)) % partitionCount;

/** CRC-32C a bit at a time, straight from the reflected polynomial: slow and plainly right. */
function crc32CByBits(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

test('kafkajs CRC-32C, eight bytes a step, equals the bitwise definition', (t) => {
  t.is(crc32C(Buffer.from('123456789')), 0xe3069283); // the published check value
  const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => (i * 131 + 7) % 256));
  for (const length of [0, 1, 7, 8, 9, 15, 16, 17, 63, 64, 65, 999, 1000]) {
    const prefix = bytes.subarray(0, length);
    t.is(crc32C(prefix), crc32CByBits(prefix), `${length} bytes`);
  }
});

test('kafkajs groups a send by partition keeping each partition in send order', (t) => {
  const messages = Array.from({ length: 3000 }, (_, i) => messageKinds[i % 4](i));
  const grouped = groupMessagesPerPartition({
    topic: 't',
    partitionMetadata,
    messages,
    partitioner,
  });

  t.deepEqual(Object.keys(grouped), ['0', '1', '2', '3', '4']);
  for (const [partition, inPartition] of Object.entries(grouped)) {
    t.deepEqual(
      inPartition,
      messages.filter((message) => partitioner({ message }) === Number(partition)),
    );
  }
});

test('kafkajs produce requests are byte for byte those of unpatched kafkajs 2.2.4', async (t) => {
  const digest = createHash('sha256');
  for (const kind of messageKinds) {
    for (const count of [1, 7, 300, 3000]) {
      const messages = Array.from({ length: count }, (_, i) => kind(i));
      const grouped = groupMessagesPerPartition({
        topic: 't',
        partitionMetadata,
        messages,
        partitioner,
      });
      const partitions = Object.entries(grouped).map(([partition, inPartition]) => ({
        partition: Number(partition),
        firstSequence: 3,
        messages: inPartition,
      }));
      // Uncompressed: gzip's bytes may differ between zlib builds; the records are the same.
      const request = produceRequest({
        acks: -1,
        timeout: 30_000,
        compression: 0,
        producerId: long.fromInt(42),
        producerEpoch: 1,
        topicData: [{ topic: 't', partitions }],
      });
      digest.update((await request.encode()).buffer);
    }
  }

  // The digest of these requests as kafkajs 2.2.4 encodes them without the patch (this test run
  // against an unpatched copy of the package).
  t.is(digest.digest('hex'), '0552b60bcf949c5ad13b6cd4d05db693ff559ca90c9af5c3c2056cc31538cc74');
});
