import { TmrmError } from '@tmrm/common';
import type { CheckContext } from './check-fields';
import { DecodeError } from './decode-error';
import { defaultSchemaCatalog } from './default-schema-catalog';
import { fingerprintToHex } from './crc64-avro';
import { fromJson } from './from-json';
import type { CodecOptions, RecordCodec } from './record-codec';
import type { AvroResolver, SchemaCatalog, SchemaVersion } from './schema-catalog';
import { readSingleObject, writeSingleObject } from './single-object-encoding';
import { toJson } from './to-json';
import type { RecordOf, RecordTypeName } from './types';
import { validateRecord } from './validate-record';
import { resolveValidationLimits } from './validation-limits';

/**
 * The codec of one record type in the Avro single-object encoding: a 2-byte marker, the writer
 * schema's 8-byte CRC-64-AVRO fingerprint, then the Avro binary body.
 *
 * @example
 * const events = codecFor('InteractionEvent');
 * const bytes = events.encode(events.fromJson(JSON.parse(line)));
 * const event = events.decode(bytes);
 */
export function codecFor<N extends RecordTypeName>(
  recordType: N,
  options: CodecOptions = {},
): RecordCodec<RecordOf<N>> {
  if (options.limits === undefined && options.catalog === undefined) {
    // The default codecs are shared: building one per call site (or per record) costs nothing.
    let shared = defaultCodecs.get(recordType);
    if (!shared) {
      shared = buildCodec(recordType, {});
      defaultCodecs.set(recordType, shared);
    }
    return shared as RecordCodec<RecordOf<N>>;
  }
  return buildCodec(recordType, options);
}

const defaultCodecs = new Map<RecordTypeName, RecordCodec<unknown>>();

function buildCodec<N extends RecordTypeName>(
  recordType: N,
  options: CodecOptions,
): RecordCodec<RecordOf<N>> {
  const ctx: CheckContext = { recordType, limits: resolveValidationLimits(options.limits) };
  const catalog = options.catalog ?? defaultSchemaCatalog();
  const reader = catalog.current(recordType);

  const validate = (value: unknown): RecordOf<N> => validateRecord(recordType, ctx, value);

  return {
    recordType,
    validate,
    encode(value) {
      return writeSingleObject(reader.fingerprintBytes, encodeBody(reader, validate(value)));
    },
    decode(bytes) {
      const { fingerprintBytes, body } = readSingleObject(bytes);
      // Most records were written with the current schema: compare bytes before any lookup.
      const writer = fingerprintBytes.equals(reader.fingerprintBytes)
        ? reader
        : findWriter(catalog, recordType, fingerprintBytes);
      const resolver = writer === reader ? undefined : catalog.resolverFrom(writer);
      const writerLabel = `schema v${writer.version} (fingerprint ${writer.fingerprintHex})`;
      return validate(decodeBody(reader, writerLabel, body, resolver));
    },
    fromJson(json) {
      return validate(fromJson(ctx, reader.type, json));
    },
    toJson(value) {
      return toJson(value);
    },
  };
}

/** Writes the Avro body of a validated record (validation has already checked its shape). */
export function encodeBody(reader: SchemaVersion, value: unknown): Buffer {
  try {
    return reader.type.toBuffer(value);
  } catch (cause) {
    // Validation checks every field the schema has, so this means the two disagree: a bug.
    throw new TmrmError(`${reader.recordType}: avsc could not encode a valid record`, { cause });
  }
}

/**
 * Reads an Avro body into the reader's shape, as plain objects; `writerLabel` names the writer
 * schema in errors, e.g. `schema v1 (fingerprint 63dd24e7cc258f8a)`.
 */
export function decodeBody(
  reader: SchemaVersion,
  writerLabel: string,
  body: Buffer,
  resolver: AvroResolver | undefined,
): unknown {
  try {
    return reader.toPlain(reader.type.fromBuffer(body, resolver));
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new DecodeError(
      `${reader.recordType} written with ${writerLabel}: the Avro body does not parse: ${reason}`,
      { cause },
    );
  }
}

function findWriter(
  catalog: SchemaCatalog,
  recordType: RecordTypeName,
  fingerprintBytes: Buffer,
): SchemaVersion {
  const writer = catalog.findByFingerprintBytes(fingerprintBytes);
  if (!writer) {
    const fingerprintHex = fingerprintToHex(fingerprintBytes.readBigUInt64LE(0));
    const known = catalog
      .versions(recordType)
      .map((version) => `v${version.version} ${version.fingerprintHex}`)
      .join(', ');
    throw new DecodeError(
      `unknown writer schema fingerprint ${fingerprintHex} for ${recordType} ` +
        `(known: ${known}); the record was written with a schema this reader does not have, ` +
        'probably a newer one: upgrade the reader',
    );
  }
  if (writer.recordType !== recordType) {
    throw new DecodeError(
      `expected a ${recordType} record but got a ${writer.recordType} ` +
        `(schema v${writer.version}, fingerprint ${writer.fingerprintHex}); wrong topic?`,
    );
  }
  return writer;
}
