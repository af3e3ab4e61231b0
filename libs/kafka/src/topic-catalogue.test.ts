import test from 'ava';
import { ConfigError } from '@tmrm/common';
import { MODEL_MAX_MESSAGE_BYTES, topicCatalogue, topicPrefixFromEnv } from './topic-catalogue';

test('names every project topic under the prefix, with its settings', (t) => {
  const specs = topicCatalogue({ prefix: 'test-', interactionPartitions: 12 });
  t.deepEqual(
    specs.map((spec) => spec.name),
    [
      'test-interactions',
      'test-user-profiles',
      'test-item-profiles',
      'test-models',
      'test-recommendation-requests',
      'test-recommendations',
      'test-dead-letters',
    ],
  );
  const byLogical = new Map(specs.map((spec) => [spec.logical, spec]));
  t.is(byLogical.get('interactions')!.numPartitions, 12);
  t.is(byLogical.get('interactions')!.recordType, 'InteractionEvent');
  for (const compacted of ['user-profiles', 'item-profiles', 'models'] as const) {
    t.is(byLogical.get(compacted)!.configs['cleanup.policy'], 'compact', compacted);
  }
  t.is(byLogical.get('models')!.configs['max.message.bytes'], String(MODEL_MAX_MESSAGE_BYTES));
  t.is(byLogical.get('dead-letters')!.recordType, null);
  t.is(byLogical.get('interactions')!.configs['retention.ms'], String(30 * 24 * 3600 * 1000));
});

test('takes the prefix from TMRM_TOPIC_PREFIX and rejects characters Kafka forbids', (t) => {
  t.is(topicPrefixFromEnv({}), 'tmrm.');
  t.is(topicPrefixFromEnv({ TMRM_TOPIC_PREFIX: '' }), '');
  t.is(topicPrefixFromEnv({ TMRM_TOPIC_PREFIX: 'alice.' }), 'alice.');
  t.throws(() => topicPrefixFromEnv({ TMRM_TOPIC_PREFIX: 'a b' }), {
    instanceOf: ConfigError,
    message: /^TMRM_TOPIC_PREFIX = "a b": may hold only/,
  });
  t.throws(() => topicCatalogue({ prefix: '', interactionPartitions: 0 }), {
    message: /^interactionPartitions = 0/,
  });
});
