import test from 'ava';
import { InvalidArgumentError } from 'commander';
import { topicCatalogue } from '@tmrm/kafka';
import { parseRecordType, recordTypeForTopic } from './record-type-for-topic';

const specs = topicCatalogue({ prefix: 'tmrm.' });

test('infers the record type from the catalogue, also under another prefix', (t) => {
  t.is(recordTypeForTopic('tmrm.interactions', undefined, specs), 'InteractionEvent');
  t.is(recordTypeForTopic('alice.recommendations', undefined, specs), 'Recommendation');
  t.is(recordTypeForTopic('tmrm.dead-letters', undefined, specs), null);
  t.is(recordTypeForTopic('anything', 'UserProfile', specs), 'UserProfile');
});

test('a topic outside the catalogue needs --type, and the error says so', (t) => {
  t.throws(() => recordTypeForTopic('clicks-raw', undefined, specs), {
    instanceOf: InvalidArgumentError,
    message: /topic "clicks-raw" .*; pass --type InteractionEvent\|UserProfile/,
  });
  t.is(parseRecordType('interactionevent'), 'InteractionEvent');
  t.throws(() => parseRecordType('Click'), { message: /must be one of InteractionEvent, / });
});
