import { topicCatalogue, type LogicalTopic } from '@tmrm/kafka';

/** The full names of the project's topics under a prefix (default `TMRM_TOPIC_PREFIX`). */
export function topicNames(prefix?: string): Record<LogicalTopic, string> {
  const specs = topicCatalogue(prefix === undefined ? {} : { prefix });
  return Object.fromEntries(specs.map((spec) => [spec.logical, spec.name])) as Record<
    LogicalTopic,
    string
  >;
}
