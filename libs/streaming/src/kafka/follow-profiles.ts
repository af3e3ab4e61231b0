import type { Kafka } from 'kafkajs';
import type { Logger } from '@tmrm/common';
import { codecFor, type ItemProfile, type UserProfile } from '@tmrm/schemas';
import type { ProfileStore } from '../profile-store';
import { followTopics, type TopicFollower } from './follow-topics';

const userCodec = codecFor('UserProfile');
const itemCodec = codecFor('ItemProfile');

/**
 * Keeps a ProfileStore in step with the compacted profile topics, read from their start:
 * upserts keyed by id, tombstones (null values) as deletes. A record that does not decode is
 * logged and skipped by the follower. `caughtUp` resolves once everything present at start is
 * in the store.
 */
export function followProfiles(options: {
  kafka: Kafka;
  store: ProfileStore;
  userTopic: string;
  itemTopic: string;
  /** Names the follower's group and logs, e.g. `trainer-profiles`. */
  purpose: string;
  logger?: Logger;
}): Promise<TopicFollower> {
  const { store, userTopic } = options;
  return followTopics({
    kafka: options.kafka,
    topics: [userTopic, options.itemTopic],
    fromBeginning: true,
    purpose: options.purpose,
    logger: options.logger,
    onMessage: (topic, _partition, { key, value }) => {
      const isUser = topic === userTopic;
      const id = key?.toString('utf8') ?? '';
      if (value === null) {
        store.apply(
          isUser
            ? { kind: 'user', key: id, profile: null }
            : { kind: 'item', key: id, profile: null },
        );
      } else if (isUser) {
        const profile: UserProfile = userCodec.decode(value);
        store.apply({ kind: 'user', key: profile.userId, profile });
      } else {
        const profile: ItemProfile = itemCodec.decode(value);
        store.apply({ kind: 'item', key: profile.itemId, profile });
      }
    },
  });
}
