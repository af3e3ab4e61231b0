export { connectionFromEnv, parseBrokers, DEFAULT_BROKERS } from './connection';
export type { ConnectionSettings } from './connection';
export { createKafka } from './create-kafka';
export type { CreateKafkaOptions } from './create-kafka';
