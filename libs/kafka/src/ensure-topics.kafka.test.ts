import { randomUUID } from 'node:crypto';
import test from 'ava';
import { describeTopics, ensureTopics } from './ensure-topics';
import { topicCatalogue } from './topic-catalogue';
import { brokerFixture } from './testing/broker-fixture';

test('creates the catalogue with its settings once; a second run changes nothing', async (t) => {
  const broker = await brokerFixture(t);
  const specs = topicCatalogue({ prefix: `tmrm-test-${randomUUID()}.`, interactionPartitions: 2 });
  const names = specs.map((spec) => spec.name);
  t.teardown(() => broker.admin.deleteTopics({ topics: names }).catch(() => undefined));

  const first = await ensureTopics(broker.admin, specs);
  t.deepEqual(first.created, names);
  const second = await ensureTopics(broker.admin, specs);
  t.deepEqual(second, { created: [], existing: names, mismatches: [] });

  const described = await describeTopics(broker.admin, names);
  const models = described.get(specs.find((spec) => spec.logical === 'models')!.name)!;
  t.is(models.configs['cleanup.policy'], 'compact');
  t.is(models.configs['max.message.bytes'], String(8 * 1024 * 1024));
  t.is(described.get(names[0])!.numPartitions, 2);
});

test('reports, and leaves alone, an existing topic whose settings differ', async (t) => {
  const broker = await brokerFixture(t);
  const [spec] = topicCatalogue({ prefix: `tmrm-test-${randomUUID()}.` });
  t.teardown(() => broker.admin.deleteTopics({ topics: [spec.name] }).catch(() => undefined));
  // The spec's own settings except a one-second retention, as a person might have set.
  const configs = { ...spec.configs, 'retention.ms': '1000' };
  await broker.admin.createTopics({
    waitForLeaders: true,
    topics: [
      {
        topic: spec.name,
        numPartitions: 1,
        configEntries: Object.entries(configs).map(([name, value]) => ({ name, value })),
      },
    ],
  });

  const result = await ensureTopics(broker.admin, [spec]);
  t.deepEqual(result.created, []);
  t.deepEqual(
    result.mismatches.map((m) => `${m.setting}: ${m.actual} (wanted ${m.expected})`).sort(),
    [
      `partitions: 1 (wanted ${spec.numPartitions})`,
      `retention.ms: 1000 (wanted ${spec.configs['retention.ms']})`,
    ],
  );
});
