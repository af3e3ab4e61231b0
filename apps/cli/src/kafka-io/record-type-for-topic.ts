import { InvalidArgumentError } from 'commander';
import { RECORD_TYPE_NAMES, type RecordTypeName } from '@tmrm/schemas';
import { topicCatalogue, type TopicSpec } from '@tmrm/kafka';

/**
 * The record type of a topic: `--type` when given, otherwise the catalogue's type for
 * the topic (`tmrm.interactions` carries InteractionEvent). A topic outside the catalogue
 * is matched by its last name part, so `alice.interactions` works under another prefix.
 * `null` means raw bytes (the dead-letter topic).
 */
export function recordTypeForTopic(
  topic: string,
  explicit: RecordTypeName | undefined,
  specs: TopicSpec[] = topicCatalogue(),
): RecordTypeName | null {
  if (explicit) return explicit;
  const exact = specs.find((spec) => spec.name === topic);
  if (exact) return exact.recordType;
  const bySuffix = specs.find((spec) => new RegExp(`(^|[._-])${spec.logical}$`).test(topic));
  if (bySuffix) return bySuffix.recordType;
  throw new InvalidArgumentError(
    `cannot tell which record type topic "${topic}" carries: it is not one of the project's ` +
      `topics (${specs.map((spec) => spec.name).join(', ')}); pass --type ` +
      `${RECORD_TYPE_NAMES.join('|')}`,
  );
}

/** Commander parser for `--type`. */
export function parseRecordType(value: string): RecordTypeName {
  const found = RECORD_TYPE_NAMES.find((name) => name.toLowerCase() === value.toLowerCase());
  if (!found) {
    throw new InvalidArgumentError(`must be one of ${RECORD_TYPE_NAMES.join(', ')}`);
  }
  return found;
}
