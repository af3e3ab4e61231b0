export { connectionFromEnv, parseBrokers, DEFAULT_BROKERS } from './connection';
export type { ConnectionSettings } from './connection';
export { createKafka } from './create-kafka';
export type { CreateKafkaOptions } from './create-kafka';
export { connectWithRetry } from './connect-with-retry';
export type { ConnectWithRetryOptions } from './connect-with-retry';
export {
  BrokerUnreachableError,
  UnknownTopicError,
  ProduceError,
  RecordDecodeError,
  isRetriable,
} from './errors';
export {
  topicCatalogue,
  topicPrefixFromEnv,
  findTopicSpec,
  topicName,
  DEFAULT_TOPIC_PREFIX,
  MODEL_MAX_MESSAGE_BYTES,
} from './topic-catalogue';
export type {
  TopicSpec,
  TopicRecordType,
  LogicalTopic,
  TopicCatalogueOptions,
} from './topic-catalogue';
export { ensureTopics, describeTopics } from './ensure-topics';
export type { EnsureTopicsResult, TopicMismatch } from './ensure-topics';
export { OffsetTracker } from './offset-tracker';
export type { CommitOffset, TrackedOffset } from './offset-tracker';
export { InFlightGauge } from './in-flight-gauge';
export type { InFlightGaugeOptions } from './in-flight-gauge';
export { batchByCountOrTime } from './batch-by-count-or-time';
export type { BatchByCountOrTimeOptions } from './batch-by-count-or-time';
export { deadLetterMessage, DEAD_LETTER_HEADERS } from './dead-letter-message';
export type { FailedRecord } from './dead-letter-message';
export { DeadLetterSink, DEAD_LETTER_COUNTER } from './dead-letter-sink';
export type { DeadLetterSinkOptions } from './dead-letter-sink';
export type { KafkaRecord, RecordMeta, RecordDecoder } from './kafka-record';
export { fromTopic } from './from-topic';
export type { FromTopicOptions } from './from-topic';
export { toTopic } from './to-topic';
export type { OutgoingRecord, ProducedRecord, ToTopicOptions } from './to-topic';
