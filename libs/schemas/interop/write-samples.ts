// Writes one sample record of every type in the single-object encoding (for the Java check),
// or, given --verify, checks that the records Java wrote back decode to the same records. Bytes
// may differ only in the order of map entries (Java's HashMap reorders them).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { codecFor, makeRecord, RECORD_TYPE_NAMES } from '../src/index';

const [mode, dir] = [process.argv[2], process.argv[3]];
let failures = 0;
for (const recordType of RECORD_TYPE_NAMES) {
  const codec = codecFor(recordType);
  const record = makeRecord(recordType);
  const bytes = codec.encode(record);
  if (mode === '--write') {
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${dir}/${recordType}.bin`, bytes);
    continue;
  }
  const fromJava = readFileSync(`${dir}/${recordType}.bin`);
  const same = isDeepStrictEqual(codec.decode(fromJava), record);
  const bytesToo = fromJava.equals(bytes) ? ', byte for byte' : ' (map entries reordered)';
  console.log(`${recordType}: Java's record ${same ? `is the same${bytesToo}` : 'DIFFERS'}`);
  if (!same) failures += 1;
}
process.exitCode = failures === 0 ? 0 : 1;
