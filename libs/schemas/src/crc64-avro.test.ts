import test from 'ava';
import avro from 'avsc';
import { compileSchema } from './schema-catalog';
import { defaultSchemaCatalog } from './default-schema-catalog';
import { RECORD_TYPE_NAMES } from './types';
import { crc64Avro, fingerprintToBytes, fingerprintToHex } from './crc64-avro';

// Published vectors from the Apache Avro project's cross-language schema tests
// (share/test/data/schema-tests.txt): the canonical form and its fingerprint as Java's signed
// 64-bit long.
const PUBLISHED: [string, bigint][] = [
  ['"null"', 7195948357588979594n],
  ['"boolean"', -6970731678124411036n],
  ['"int"', 8247732601305521295n],
  ['"long"', -3434872931120570953n],
  ['"double"', -8181574048448539266n],
  ['{"name":"foo","type":"fixed","size":15}', 1756455273707447556n],
  [
    '{"name":"foo","type":"record","fields":[{"name":"f1","type":"boolean"}]}',
    7843277075252814651n,
  ],
  [
    '{"name":"PigValue","type":"record","fields":[{"name":"value","type":["null","int","long","PigValue"]}]}',
    -1759257747318642341n,
  ],
];

for (const [canonicalForm, signed] of PUBLISHED) {
  test(`CRC-64-AVRO of ${canonicalForm.slice(0, 40)} matches the published value`, (t) => {
    t.is(crc64Avro(Buffer.from(canonicalForm)), BigInt.asUintN(64, signed));
  });
}

test('the fingerprint of the empty input is the polynomial itself', (t) => {
  t.is(fingerprintToHex(crc64Avro(new Uint8Array(0))), 'c15d213aa4d7a795');
});

test('the single-object encoding writes the fingerprint little-endian', (t) => {
  // "null" -> 0x63dd24e7cc258f8a, least significant byte first.
  const bytes = fingerprintToBytes(BigInt.asUintN(64, 7195948357588979594n));
  t.is(bytes.toString('hex'), '8a8f25cce724dd63');
});

test('compileSchema fingerprints the Parsing Canonical Form, not the text as written', (t) => {
  const written = {
    type: 'record',
    name: 'foo',
    doc: 'docs and defaults are not part of the canonical form',
    fields: [{ name: 'f1', type: 'boolean', default: false }],
  };
  const version = compileSchema({
    recordType: 'InteractionEvent',
    version: 1,
    schema: { ...written, name: 'InteractionEvent', namespace: 'dev.tmrm' },
  });
  t.is(
    version.canonicalForm,
    '{"name":"dev.tmrm.InteractionEvent","type":"record","fields":[{"name":"f1","type":"boolean"}]}',
  );
  // The published record vector through avsc's canonical form gives the published fingerprint.
  const foo = JSON.stringify(avro.Type.forSchema(written as avro.Schema).schema());
  t.is(crc64Avro(Buffer.from(foo)), 7843277075252814651n);
});

test('the table form agrees with the bit-by-bit definition on every shipped schema', (t) => {
  const EMPTY = 0xc15d213aa4d7a795n;
  const bitByBit = (bytes: Uint8Array): bigint => {
    let fp = EMPTY;
    for (const byte of bytes) {
      fp ^= BigInt(byte);
      for (let bit = 0; bit < 8; bit += 1) fp = (fp >> 1n) ^ (EMPTY & -(fp & 1n));
    }
    return fp;
  };
  const versions = defaultSchemaCatalog();
  for (const recordType of RECORD_TYPE_NAMES) {
    const { canonicalForm, fingerprintHex } = versions.current(recordType);
    t.is(fingerprintToHex(bitByBit(Buffer.from(canonicalForm))), fingerprintHex, recordType);
  }
});
