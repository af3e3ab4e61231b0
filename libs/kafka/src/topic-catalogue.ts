import { ConfigError } from '@tmrm/common';

/** The record type a topic carries, named as in `@tmrm/schemas`; `null` for raw bytes. */
export type TopicRecordType =
  | 'InteractionEvent'
  | 'UserProfile'
  | 'ItemProfile'
  | 'RecommendationRequest'
  | 'Recommendation'
  | 'ModelSnapshotChunk'
  | null;

/** The project's topics by their name without prefix. */
export type LogicalTopic =
  | 'interactions'
  | 'user-profiles'
  | 'item-profiles'
  | 'models'
  | 'recommendation-requests'
  | 'recommendations'
  | 'dead-letters';

/** One topic with the settings {@link ensureTopics} creates it with. */
export interface TopicSpec {
  /** The full name on the cluster: prefix plus logical name. */
  name: string;
  logical: LogicalTopic;
  recordType: TopicRecordType;
  numPartitions: number;
  /** -1 lets the broker pick its `default.replication.factor`. */
  replicationFactor: number;
  /** Topic-level configuration, such as `cleanup.policy`. */
  configs: Record<string, string>;
  /** One line for `tmrm topics`: what the topic is for. */
  purpose: string;
}

/** Options for {@link topicCatalogue}. */
export interface TopicCatalogueOptions {
  /** Prepended to every name; defaults to {@link topicPrefixFromEnv}. */
  prefix?: string;
  /** Partitions of the interaction and request/recommendation topics; default 6. */
  interactionPartitions?: number;
  /** Replication factor of every topic; default -1 (the broker's default). */
  replicationFactor?: number;
  /** How long interaction events are kept, in days; default 30. */
  interactionRetentionDays?: number;
}

export const DEFAULT_TOPIC_PREFIX = 'tmrm.';
const DAY_MS = 24 * 60 * 60 * 1000;
const MIB = 1024 * 1024;
/** Model snapshots travel as chunks; a chunk may be this large (the local broker allows it). */
export const MODEL_MAX_MESSAGE_BYTES = 8 * MIB;
const RECORD_MAX_MESSAGE_BYTES = 1 * MIB;

/**
 * Reads the topic prefix from `TMRM_TOPIC_PREFIX` (default `tmrm.`), so tests and
 * users sharing a cluster can keep their topics apart. An empty value means no prefix.
 */
export function topicPrefixFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const prefix = env.TMRM_TOPIC_PREFIX ?? DEFAULT_TOPIC_PREFIX;
  if (!/^[a-zA-Z0-9._-]*$/.test(prefix) || prefix.length > 200) {
    throw new ConfigError(
      'TMRM_TOPIC_PREFIX',
      prefix,
      'may hold only letters, digits, ".", "_" and "-" (at most 200)',
      'Kafka topic names allow no other characters',
    );
  }
  return prefix;
}

/**
 * The project's topics with their settings. Profiles and models are compacted:
 * the latest record per key is the state, so they are kept forever. Events,
 * requests and recommendations expire; dead letters stay two weeks for inspection.
 */
export function topicCatalogue(options: TopicCatalogueOptions = {}): TopicSpec[] {
  const prefix = options.prefix ?? topicPrefixFromEnv();
  const partitions = options.interactionPartitions ?? 6;
  const replicationFactor = options.replicationFactor ?? -1;
  const retentionDays = options.interactionRetentionDays ?? 30;
  if (!Number.isInteger(partitions) || partitions < 1 || partitions > 10_000) {
    throw new ConfigError('interactionPartitions', partitions, 'must be an integer in 1..10000');
  }
  if (!(retentionDays > 0)) {
    throw new ConfigError('interactionRetentionDays', retentionDays, 'must be positive');
  }

  const deleted = (days: number) => ({
    'cleanup.policy': 'delete',
    'retention.ms': String(Math.round(days * DAY_MS)),
    'max.message.bytes': String(RECORD_MAX_MESSAGE_BYTES),
  });
  const compacted = (maxBytes: number) => ({
    'cleanup.policy': 'compact',
    'retention.ms': '-1',
    'max.message.bytes': String(maxBytes),
  });
  const spec = (
    logical: LogicalTopic,
    recordType: TopicRecordType,
    numPartitions: number,
    configs: Record<string, string>,
    purpose: string,
  ): TopicSpec => ({
    name: `${prefix}${logical}`,
    logical,
    recordType,
    numPartitions,
    replicationFactor,
    configs,
    purpose,
  });

  return [
    spec('interactions', 'InteractionEvent', partitions, deleted(retentionDays), 'user events'),
    spec('user-profiles', 'UserProfile', 3, compacted(RECORD_MAX_MESSAGE_BYTES), 'user features'),
    spec('item-profiles', 'ItemProfile', 3, compacted(RECORD_MAX_MESSAGE_BYTES), 'item features'),
    spec('models', 'ModelSnapshotChunk', 1, compacted(MODEL_MAX_MESSAGE_BYTES), 'model snapshots'),
    spec('recommendation-requests', 'RecommendationRequest', partitions, deleted(1), 'requests'),
    spec('recommendations', 'Recommendation', partitions, deleted(1), 'ranked, explained items'),
    spec('dead-letters', null, 1, deleted(14), 'records that failed to decode or validate'),
  ];
}

/** The catalogue entry whose full name is `name`, if any. */
export function findTopicSpec(specs: TopicSpec[], name: string): TopicSpec | undefined {
  return specs.find((spec) => spec.name === name);
}

/**
 * The full name of a logical topic in a catalogue, such as `tmrm.interactions`. Every
 * catalogue holds every logical topic, so a miss means the specs were filtered.
 */
export function topicName(specs: TopicSpec[], logical: LogicalTopic): string {
  const spec = specs.find((candidate) => candidate.logical === logical);
  if (!spec) throw new Error(`topicName: the catalogue has no "${logical}" topic`);
  return spec.name;
}
