import { DecodeError } from './decode-error';

/** The two bytes every Avro single-object encoded record starts with. */
export const SINGLE_OBJECT_MARKER = Buffer.from([0xc3, 0x01]);

/** Marker (2 bytes) plus the writer schema's CRC-64-AVRO fingerprint (8, little-endian). */
export const SINGLE_OBJECT_HEADER_BYTES = 10;

/** Frames an Avro binary body in the single-object encoding. */
export function writeSingleObject(fingerprintBytes: Buffer, body: Buffer): Buffer {
  return Buffer.concat([SINGLE_OBJECT_MARKER, fingerprintBytes, body]);
}

/** True when the bytes start with the single-object marker. */
export function isSingleObject(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0xc3 && bytes[1] === 0x01;
}

/**
 * Splits a single-object encoded record into the writer fingerprint (its 8 little-endian bytes,
 * a view into `bytes`) and the Avro body.
 */
export function readSingleObject(bytes: Buffer): { fingerprintBytes: Buffer; body: Buffer } {
  const seen = bytes.subarray(0, SINGLE_OBJECT_MARKER.length);
  const markerSoFar = seen.length > 0 && seen.equals(SINGLE_OBJECT_MARKER.subarray(0, seen.length));
  if (!markerSoFar) {
    const start = seen.toString('hex') || 'no bytes at all';
    const hint =
      bytes[0] === 0
        ? '; a leading 0 byte is the Confluent wire format: configure the schema registry URL'
        : '';
    throw new DecodeError(
      `not an Avro single-object record: expected the marker c301, got ${start}${hint}`,
    );
  }
  if (bytes.length < SINGLE_OBJECT_HEADER_BYTES) {
    throw new DecodeError(
      `truncated Avro single-object record: ${bytes.length} bytes, ` +
        `the header alone is ${SINGLE_OBJECT_HEADER_BYTES}`,
    );
  }
  return {
    fingerprintBytes: bytes.subarray(2, SINGLE_OBJECT_HEADER_BYTES),
    body: bytes.subarray(SINGLE_OBJECT_HEADER_BYTES),
  };
}
