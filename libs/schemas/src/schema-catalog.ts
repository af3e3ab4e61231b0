import avro from 'avsc';
import { compilePlainCopier } from './plain-record-copier';
import { crc64Avro, fingerprintToBytes, fingerprintToHex } from './crc64-avro';
import { RECORD_TYPE_NAMES, type RecordTypeName } from './types';

/** One version of one record type's Avro schema. */
export interface SchemaVersion {
  recordType: RecordTypeName;
  /** The `N` of `NAME.vN.avsc`; the highest version of a record type is its reader schema. */
  version: number;
  /** The schema as written, with its docs and defaults (what a schema registry receives). */
  schema: object;
  type: avro.Type;
  /** Parsing Canonical Form, the text the fingerprint is computed over. */
  canonicalForm: string;
  /** CRC-64-AVRO of the canonical form as 16 hex digits, most significant first. */
  fingerprintHex: string;
  /** The same fingerprint as the 8 little-endian bytes of the single-object encoding. */
  fingerprintBytes: Buffer;
  /** Turns a value avsc decoded with this (reader) schema into plain objects. */
  toPlain: (value: unknown) => unknown;
}

/** A schema to add to a catalog: its record type, version and the parsed `.avsc` JSON. */
export interface SchemaSource {
  recordType: RecordTypeName;
  version: number;
  schema: object;
}

/**
 * Every writer schema a reader knows, by record type and by fingerprint. A reader decodes a
 * record whose fingerprint is in here, resolving it against the record type's current (highest)
 * version; a fingerprint outside it is a schema the reader has never seen.
 */
export class SchemaCatalog {
  private readonly byType = new Map<RecordTypeName, SchemaVersion[]>();
  private readonly byFingerprint = new Map<string, SchemaVersion>();
  private readonly byFingerprintBytes = new Map<string, SchemaVersion>();
  private readonly resolvers = new Map<string, AvroResolver>();

  /**
   * Compiles every schema and checks, at once rather than on the first old record, that every
   * older version of a record type can be read with its newest one.
   */
  constructor(sources: readonly SchemaSource[]) {
    for (const source of sources) this.add(compileSchema(source));
    for (const name of RECORD_TYPE_NAMES) {
      const versions = this.byType.get(name);
      if (!versions) continue;
      versions.sort((a, b) => a.version - b.version);
      const reader = versions[versions.length - 1];
      for (const writer of versions.slice(0, -1)) {
        this.resolvers.set(writer.fingerprintHex, resolveOrExplain(reader, writer));
      }
    }
  }

  /**
   * How avsc reads a record written with `writer` into the current version of its type;
   * undefined for the current version itself, which needs no resolution.
   */
  resolverFrom(writer: SchemaVersion): AvroResolver | undefined {
    return this.resolvers.get(writer.fingerprintHex);
  }

  /** The reader schema of a record type: its highest version. */
  current(recordType: RecordTypeName): SchemaVersion {
    const versions = this.byType.get(recordType);
    if (!versions || versions.length === 0) {
      throw new Error(`schema catalog: no schema for record type ${recordType}`);
    }
    return versions[versions.length - 1];
  }

  /** All versions of a record type, oldest first. */
  versions(recordType: RecordTypeName): readonly SchemaVersion[] {
    return this.byType.get(recordType) ?? [];
  }

  /** The schema with this fingerprint (16 hex digits), if the catalog knows it. */
  findByFingerprint(fingerprintHex: string): SchemaVersion | undefined {
    return this.byFingerprint.get(fingerprintHex);
  }

  /** The schema whose fingerprint is these 8 little-endian bytes, as the records carry it. */
  findByFingerprintBytes(fingerprintBytes: Buffer): SchemaVersion | undefined {
    return this.byFingerprintBytes.get(fingerprintBytes.toString('hex'));
  }

  private add(version: SchemaVersion): void {
    const clash = this.byFingerprint.get(version.fingerprintHex);
    if (clash) {
      throw new Error(
        `schema catalog: ${version.recordType} v${version.version} has the same canonical ` +
          `form as ${clash.recordType} v${clash.version}; a new version must change the schema`,
      );
    }
    this.byFingerprint.set(version.fingerprintHex, version);
    this.byFingerprintBytes.set(version.fingerprintBytes.toString('hex'), version);
    const versions = this.byType.get(version.recordType) ?? [];
    if (versions.some((known) => known.version === version.version)) {
      throw new Error(`schema catalog: ${version.recordType} v${version.version} given twice`);
    }
    versions.push(version);
    this.byType.set(version.recordType, versions);
  }
}

/** avsc does not export its Resolver class, only the method that makes one. */
export type AvroResolver = ReturnType<avro.Type['createResolver']>;

function resolveOrExplain(reader: SchemaVersion, writer: SchemaVersion): AvroResolver {
  try {
    return reader.type.createResolver(writer.type);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new Error(
      `schema catalog: ${writer.recordType} v${writer.version} records cannot be read with ` +
        `v${reader.version}: ${reason}; a field added in a new version needs a default`,
      { cause },
    );
  }
}

/** Parses one schema with avsc and computes its canonical form and fingerprint. */
export function compileSchema(source: SchemaSource): SchemaVersion {
  const type = avro.Type.forSchema(source.schema as avro.Schema, { omitRecordMethods: true });
  const fullName = `dev.tmrm.${source.recordType}`;
  if (type.name !== fullName) {
    throw new Error(
      `schema catalog: ${source.recordType} v${source.version} defines ${type.name}, ` +
        `expected ${fullName}`,
    );
  }

  // avsc's schema() without options is the Parsing Canonical Form: full names, only the
  // attributes that matter for parsing, in the specification's order, no whitespace.
  const canonicalForm = JSON.stringify(type.schema());
  const fingerprint = crc64Avro(Buffer.from(canonicalForm, 'utf8'));
  return {
    ...source,
    type,
    canonicalForm,
    fingerprintHex: fingerprintToHex(fingerprint),
    fingerprintBytes: fingerprintToBytes(fingerprint),
    toPlain: compilePlainCopier(type),
  };
}
