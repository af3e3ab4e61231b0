import { randomBytes } from 'node:crypto';
import test from 'ava';
import { chunkSnapshot, CorruptSnapshotError, SnapshotAssembler } from './snapshot-chunks';

const bytes = randomBytes(10_000);

test('chunks reassemble into the same bytes, in any order', (t) => {
  const chunks = chunkSnapshot(bytes, { modelId: 'm', version: 'v1', chunkBytes: 3_000 });
  t.is(chunks.length, 4);
  const assembler = new SnapshotAssembler();
  t.is(assembler.add(chunks[2]), null);
  t.is(assembler.add(chunks[0]), null);
  t.is(assembler.add(chunks[0]), null); // a duplicate changes nothing
  t.is(assembler.add(chunks[3]), null);
  t.deepEqual(assembler.add(chunks[1]), { version: 'v1', bytes });
});

test('a corrupt chunk makes the whole snapshot rejected', (t) => {
  const chunks = chunkSnapshot(bytes, { modelId: 'm', version: 'v2', chunkBytes: 6_000 });
  const assembler = new SnapshotAssembler();
  assembler.add(chunks[0]);
  const bad = { ...chunks[1], bytes: Buffer.from(chunks[1].bytes).fill(0, 0, 10) };
  t.throws(() => assembler.add(bad), {
    instanceOf: CorruptSnapshotError,
    message: /does not match/,
  });
});

test('interleaved versions complete independently; partial ones are bounded', (t) => {
  const a = chunkSnapshot(bytes, { modelId: 'm', version: 'a', chunkBytes: 5_000 });
  const b = chunkSnapshot(bytes.subarray(0, 7_000), {
    modelId: 'm',
    version: 'b',
    chunkBytes: 5_000,
  });
  const assembler = new SnapshotAssembler(1);
  assembler.add(a[0]);
  assembler.add(b[0]); // evicts the partial a
  t.is(assembler.add(b[1])?.version, 'b');
  t.is(assembler.add(a[1]), null); // a's first chunk was dropped: a never completes
});
