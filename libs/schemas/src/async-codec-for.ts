import avro from 'avsc';
import { ConfigError } from '@tmrm/common';
import { codecFor, decodeBody, encodeBody } from './codec-for';
import { isConfluent, readConfluent, writeConfluent } from './confluent-wire-format';
import { DecodeError } from './decode-error';
import { defaultSchemaCatalog } from './default-schema-catalog';
import type { CodecOptions } from './record-codec';
import type { AvroResolver, SchemaVersion } from './schema-catalog';
import { SchemaRegistryClient, type SchemaRegistryClientOptions } from './schema-registry-client';
import { SchemaRegistryError } from './schema-registry-error';
import type { RecordOf, RecordTypeName } from './types';

/** Options of {@link asyncCodecFor}. */
export interface AsyncCodecOptions extends CodecOptions {
  /**
   * A Confluent-compatible schema registry (its options, or a client to share between codecs).
   * With one, records are written in the Confluent wire format; without, in the Avro
   * single-object encoding, exactly as {@link codecFor} writes them.
   */
  schemaRegistry?: SchemaRegistryClient | SchemaRegistryClientOptions;
  /** The topic written to: the registry subject is `<topic>-value`. Required with a registry. */
  topic?: string;
}

/** Like RecordCodec, with encode and decode asynchronous because they may ask the registry. */
export interface AsyncRecordCodec<T> {
  readonly recordType: string;
  /** How `encode` frames records. */
  readonly wireFormat: 'single-object' | 'confluent';
  /** Validates, registers the schema under `<topic>-value` if needed, frames. */
  encode(value: T): Promise<Buffer>;
  /**
   * Reads either framing (the first byte tells them apart: 0x00 Confluent, 0xC3 single-object),
   * so a consumer keeps working across a switch to or from the registry. Throws DecodeError for
   * bad bytes or an unknown schema id, SchemaRegistryError (retriable) when the registry
   * cannot be reached, ValidationError for a broken rule.
   */
  decode(bytes: Buffer): Promise<T>;
  fromJson(json: unknown): T;
  toJson(value: T): unknown;
  validate(value: unknown): T;
}

interface RegistryWriter {
  label: string;
  resolver: AvroResolver | undefined;
}

/**
 * The codec of one record type for a pipeline that may use a schema registry.
 *
 * @example
 * const events = asyncCodecFor('InteractionEvent', {
 *   schemaRegistry: { url: 'http://localhost:8081' },
 *   topic: 'tmrm.events',
 * });
 * const bytes = await events.encode(event); // 0x00, schema id, Avro body
 */
export function asyncCodecFor<N extends RecordTypeName>(
  recordType: N,
  options: AsyncCodecOptions = {},
): AsyncRecordCodec<RecordOf<N>> {
  const sync = codecFor(recordType, options);
  const registry = options.schemaRegistry;
  if (!registry) {
    return {
      ...sync,
      wireFormat: 'single-object',
      encode: async (value) => sync.encode(value),
      decode: async (bytes) => sync.decode(bytes),
    };
  }

  if (!options.topic) {
    const rule = 'is required with a schema registry: the subject is <topic>-value';
    throw new ConfigError('topic', options.topic, rule);
  }
  const client =
    registry instanceof SchemaRegistryClient ? registry : new SchemaRegistryClient(registry);
  const subject = `${options.topic}-value`;
  const reader = (options.catalog ?? defaultSchemaCatalog()).current(recordType);
  const readerSchemaText = JSON.stringify(reader.schema);
  const writers = new Map<number, Promise<RegistryWriter>>();

  const writerFor = (schemaId: number): Promise<RegistryWriter> => {
    let writer = writers.get(schemaId);
    if (!writer) {
      writer = loadWriter(client, reader, schemaId);
      writers.set(schemaId, writer);
      writer.catch(() => writers.delete(schemaId));
    }
    return writer;
  };

  return {
    ...sync,
    wireFormat: 'confluent',
    async encode(value) {
      const body = encodeBody(reader, sync.validate(value));
      return writeConfluent(await client.register(subject, readerSchemaText), body);
    },
    async decode(bytes) {
      if (!isConfluent(bytes)) return sync.decode(bytes);
      const { schemaId, body } = readConfluent(bytes);
      const { label, resolver } = await writerFor(schemaId);
      return sync.validate(decodeBody(reader, label, body, resolver));
    },
  };
}

/** Fetches a writer schema by id and prepares its resolution against the reader schema. */
async function loadWriter(
  client: SchemaRegistryClient,
  reader: SchemaVersion,
  schemaId: number,
): Promise<RegistryWriter> {
  let text: string;
  try {
    text = await client.schemaById(schemaId);
  } catch (cause) {
    if (cause instanceof SchemaRegistryError && cause.status === 404) {
      throw new DecodeError(`schema id ${schemaId} is not in the registry at ${client.url}`, {
        cause,
      });
    }
    throw cause;
  }

  try {
    const type = avro.Type.forSchema(JSON.parse(text) as avro.Schema, { omitRecordMethods: true });
    const same = JSON.stringify(type.schema()) === reader.canonicalForm;
    const label = `registry schema id ${schemaId}`;
    return { label, resolver: same ? undefined : reader.type.createResolver(type) };
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new DecodeError(
      `schema id ${schemaId} from ${client.url} cannot be read as ${reader.recordType} ` +
        `v${reader.version}: ${reason}`,
      { cause },
    );
  }
}
