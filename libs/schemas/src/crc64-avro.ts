/**
 * CRC-64-AVRO, the 64-bit Rabin fingerprint the Avro specification defines for schemas
 * ("Schema Fingerprints"): the fingerprint of a schema is this function of the UTF-8 bytes of
 * its Parsing Canonical Form.
 *
 * Derivation of the table form. The fingerprint is the remainder of the message, read least
 * significant bit first, divided by the polynomial whose reflected bits are `EMPTY`, over GF(2).
 * Bit by bit: shift the register right one place and, when the bit shifted out was 1, xor in
 * the polynomial, i.e. `fp = (fp >> 1) ^ (EMPTY & -(fp & 1))`. Eight such steps on a register
 * whose low byte is `i` and whose other bits are zero give `TABLE[i]`; because the steps are
 * linear over GF(2), eight steps on any register equal `(fp >> 8) ^ TABLE[(fp ^ byte) & 0xff]`
 * once the next input byte has been xored into the low byte. The register starts at `EMPTY`,
 * which is also the fingerprint of the empty input.
 */
const EMPTY = 0xc15d213aa4d7a795n;

const TABLE: bigint[] = Array.from({ length: 256 }, (_, index) => {
  let fp = BigInt(index);
  for (let bit = 0; bit < 8; bit += 1) {
    fp = (fp >> 1n) ^ (EMPTY & -(fp & 1n));
  }
  return fp;
});

/** The CRC-64-AVRO fingerprint of `bytes`, as an unsigned 64-bit integer. */
export function crc64Avro(bytes: Uint8Array): bigint {
  let fp = EMPTY;
  for (const byte of bytes) {
    fp = (fp >> 8n) ^ TABLE[Number((fp ^ BigInt(byte)) & 0xffn)];
  }
  return fp;
}

/** The fingerprint as the 8 little-endian bytes the single-object encoding writes. */
export function fingerprintToBytes(fingerprint: bigint): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64LE(fingerprint);
  return bytes;
}

/** The fingerprint as 16 hex digits, most significant first, e.g. `63dd24e7cc258f8a`. */
export function fingerprintToHex(fingerprint: bigint): string {
  return fingerprint.toString(16).padStart(16, '0');
}
