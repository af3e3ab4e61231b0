export { EVENT_TYPES, CONDITION_OPS, RECORD_TYPE_NAMES } from './types';
export type {
  Features,
  EventType,
  InteractionEvent,
  UserProfile,
  ItemProfile,
  RecommendationRequest,
  Condition,
  FeaturePath,
  RankedItem,
  Recommendation,
  ModelSnapshotChunk,
  RecordTypeName,
  RecordTypes,
  RecordOf,
} from './types';
export { codecFor } from './codec-for';
export type { CodecOptions, RecordCodec } from './record-codec';
export { ValidationError } from './validation-error';
export { DecodeError } from './decode-error';
export { DEFAULT_VALIDATION_LIMITS, resolveValidationLimits } from './validation-limits';
export type { ValidationLimits } from './validation-limits';
export { SchemaCatalog, compileSchema } from './schema-catalog';
export type { SchemaSource, SchemaVersion } from './schema-catalog';
export { defaultSchemaCatalog } from './default-schema-catalog';
export { loadSchemaSources, AVRO_SCHEMA_DIR } from './load-schema-sources';
export {
  SINGLE_OBJECT_MARKER,
  SINGLE_OBJECT_HEADER_BYTES,
  isSingleObject,
  readSingleObject,
  writeSingleObject,
} from './single-object-encoding';
export { crc64Avro, fingerprintToBytes, fingerprintToHex } from './crc64-avro';
export {
  makeInteractionEvent,
  makeUserProfile,
  makeItemProfile,
  makeRecommendationRequest,
  makeRecommendation,
  makeModelSnapshotChunk,
  makeRecord,
} from './record-factories';
export { asyncCodecFor } from './async-codec-for';
export type { AsyncCodecOptions, AsyncRecordCodec } from './async-codec-for';
export { SchemaRegistryClient } from './schema-registry-client';
export type { SchemaRegistryClientOptions } from './schema-registry-client';
export { SchemaRegistryError } from './schema-registry-error';
export {
  CONFLUENT_HEADER_BYTES,
  isConfluent,
  readConfluent,
  writeConfluent,
} from './confluent-wire-format';
export { schemaRegistryFromEnv } from './schema-registry-from-env';
