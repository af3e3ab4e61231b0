import type { SchemaCatalog } from './schema-catalog';
import type { ValidationLimits } from './validation-limits';

/** Options of {@link codecFor}. */
export interface CodecOptions {
  /** Validation bounds; omitted fields take the defaults of `DEFAULT_VALIDATION_LIMITS`. */
  limits?: Partial<ValidationLimits>;
  /**
   * The writer schemas this codec knows and the reader schema it decodes into (each record
   * type's highest version). Defaults to the `.avsc` files shipped in `libs/schemas/avro`.
   */
  catalog?: SchemaCatalog;
}

/** Encodes, decodes and validates one record type. Synchronous; safe to share. */
export interface RecordCodec<T> {
  /** The record type's name, e.g. `InteractionEvent`. */
  readonly recordType: string;
  /** Validates, then writes the Avro single-object encoding. Throws ValidationError. */
  encode(value: T): Buffer;
  /**
   * Reads the Avro single-object encoding written with any known version of the schema,
   * resolved against the current one, then validates. Throws DecodeError or ValidationError.
   */
  decode(bytes: Buffer): T;
  /** The natural JSON form (e.g. a parsed JSONL line) to a validated record. */
  fromJson(json: unknown): T;
  /** The JSON-friendly form: plain objects, Buffers as base64. */
  toJson(value: T): unknown;
  /** Validates a record without encoding it; returns it. Throws ValidationError. */
  validate(value: unknown): T;
}
