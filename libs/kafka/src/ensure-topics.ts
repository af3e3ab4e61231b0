import type { Admin } from 'kafkajs';
import { silentLogger, type Logger } from '@tmrm/common';
import type { TopicSpec } from './topic-catalogue';

/** A setting of an existing topic that differs from its spec; left as it is. */
export interface TopicMismatch {
  topic: string;
  setting: string;
  expected: string;
  actual: string;
}

/** What {@link ensureTopics} did. */
export interface EnsureTopicsResult {
  created: string[];
  existing: string[];
  /** Existing topics are never altered: a difference is reported for a person to decide. */
  mismatches: TopicMismatch[];
}

/**
 * Creates the topics of `specs` that do not exist yet, with their partitions and
 * configuration, and compares the existing ones with their spec. Running it again
 * changes nothing. Existing topics are not altered, because altering a topic's
 * configuration in Kafka replaces every override someone may have set on purpose.
 */
export async function ensureTopics(
  admin: Admin,
  specs: TopicSpec[],
  options: { logger?: Logger } = {},
): Promise<EnsureTopicsResult> {
  const log = (options.logger ?? silentLogger).child({ component: 'kafka.topics' });
  const present = new Set(await admin.listTopics());
  const missing = specs.filter((spec) => !present.has(spec.name));
  const existing = specs.filter((spec) => present.has(spec.name));

  if (missing.length > 0) {
    // createTopics answers false (not an error) for topics another process created meanwhile.
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((spec) => ({
        topic: spec.name,
        numPartitions: spec.numPartitions,
        replicationFactor: spec.replicationFactor,
        configEntries: Object.entries(spec.configs).map(([name, value]) => ({ name, value })),
      })),
    });
    log.info({ topics: missing.map((spec) => spec.name) }, 'topics created');
  }

  const mismatches = existing.length > 0 ? await compareExisting(admin, existing) : [];
  for (const mismatch of mismatches) log.warn(mismatch, 'existing topic differs from its spec');
  return {
    created: missing.map((spec) => spec.name),
    existing: existing.map((spec) => spec.name),
    mismatches,
  };
}

/** The partition count and configuration of each existing topic. */
export async function describeTopics(
  admin: Admin,
  names: string[],
): Promise<Map<string, { numPartitions: number; configs: Record<string, string> }>> {
  const described = new Map<string, { numPartitions: number; configs: Record<string, string> }>();
  if (names.length === 0) return described;
  const metadata = await admin.fetchTopicMetadata({ topics: names });
  const configs = await admin.describeConfigs({
    includeSynonyms: false,
    resources: names.map((name) => ({ type: 2 /* ConfigResourceTypes.TOPIC */, name })),
  });
  for (const topic of metadata.topics) {
    described.set(topic.name, { numPartitions: topic.partitions.length, configs: {} });
  }
  for (const resource of configs.resources) {
    const entry = described.get(resource.resourceName);
    if (!entry) continue;
    for (const config of resource.configEntries)
      entry.configs[config.configName] = config.configValue;
  }
  return described;
}

async function compareExisting(admin: Admin, specs: TopicSpec[]): Promise<TopicMismatch[]> {
  const described = await describeTopics(
    admin,
    specs.map((spec) => spec.name),
  );
  const mismatches: TopicMismatch[] = [];
  for (const spec of specs) {
    const actual = described.get(spec.name);
    if (!actual) continue;
    if (actual.numPartitions !== spec.numPartitions) {
      mismatches.push({
        topic: spec.name,
        setting: 'partitions',
        expected: String(spec.numPartitions),
        actual: String(actual.numPartitions),
      });
    }
    for (const [setting, expected] of Object.entries(spec.configs)) {
      const value = actual.configs[setting];
      if (value !== undefined && value !== expected) {
        mismatches.push({ topic: spec.name, setting, expected, actual: value });
      }
    }
  }
  return mismatches;
}
