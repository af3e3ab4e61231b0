import { DecodeError } from './decode-error';

/** Magic byte (0) plus the 4-byte big-endian schema id the registry assigned. */
export const CONFLUENT_HEADER_BYTES = 5;

/** Frames an Avro binary body in the Confluent wire format. */
export function writeConfluent(schemaId: number, body: Buffer): Buffer {
  const header = Buffer.alloc(CONFLUENT_HEADER_BYTES);
  header.writeUInt32BE(schemaId, 1);
  return Buffer.concat([header, body]);
}

/** True when the bytes start with the Confluent magic byte. */
export function isConfluent(bytes: Uint8Array): boolean {
  return bytes.length > 0 && bytes[0] === 0;
}

/** Splits a Confluent-framed record into its schema id and Avro body. */
export function readConfluent(bytes: Buffer): { schemaId: number; body: Buffer } {
  if (!isConfluent(bytes)) {
    const start = bytes.subarray(0, 1).toString('hex') || 'no bytes at all';
    throw new DecodeError(
      `not a Confluent-framed record: expected the magic byte 00, got ${start}`,
    );
  }
  if (bytes.length < CONFLUENT_HEADER_BYTES) {
    throw new DecodeError(
      `truncated Confluent-framed record: ${bytes.length} bytes, ` +
        `the header alone is ${CONFLUENT_HEADER_BYTES}`,
    );
  }
  return { schemaId: bytes.readUInt32BE(1), body: bytes.subarray(CONFLUENT_HEADER_BYTES) };
}
