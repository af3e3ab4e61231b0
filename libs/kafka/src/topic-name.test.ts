import test from 'ava';
import { topicCatalogue, topicName } from './topic-catalogue';

test('topicName finds a logical topic under the catalogue prefix', (t) => {
  const specs = topicCatalogue({ prefix: 'team-a.' });
  t.is(topicName(specs, 'interactions'), 'team-a.interactions');
  t.is(topicName(specs, 'models'), 'team-a.models');
});

test('topicName names the logical topic a filtered catalogue lacks', (t) => {
  const specs = topicCatalogue({ prefix: 'x.' }).filter((spec) => spec.logical === 'models');
  t.throws(() => topicName(specs, 'interactions'), { message: /no "interactions" topic/ });
});
