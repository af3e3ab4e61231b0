import { type Command, InvalidArgumentError } from 'commander';
import { describeTopics, ensureTopics, topicCatalogue, type TopicSpec } from '@tmrm/kafka';
import { cliKafka, connectAdmin } from '../kafka-io/cli-kafka';

interface TopicsFlags {
  create?: boolean;
  partitions?: number;
  prefix?: string;
}

/**
 * `tmrm topics`: lists the project's topics with their settings and whether the
 * cluster has them; `--create` creates the missing ones (existing ones are left as
 * they are, differences reported).
 */
export function register(program: Command): void {
  program
    .command('topics')
    .description("list the project's topics and their settings, or create them")
    .option('--create', 'create the topics that do not exist yet')
    .option('--partitions <N>', 'partitions of the event and request topics (default 6)', count)
    .option('--prefix <P>', 'topic name prefix (default: TMRM_TOPIC_PREFIX or "tmrm.")')
    .action(runTopics);
}

async function runTopics(flags: TopicsFlags): Promise<void> {
  const specs = topicCatalogue({ prefix: flags.prefix, interactionPartitions: flags.partitions });
  const session = cliKafka('topics');
  const admin = await connectAdmin(session, 'topics');
  try {
    if (flags.create) {
      const result = await ensureTopics(admin, specs, { logger: session.logger });
      for (const name of result.created) console.log(`created  ${name}`);
      for (const name of result.existing) console.log(`exists   ${name}`);
      for (const m of result.mismatches) {
        console.log(
          `differs  ${m.topic}: ${m.setting} is ${m.actual}, the catalogue says ${m.expected}`,
        );
      }
      return;
    }
    const present = new Set(await admin.listTopics());
    const described = await describeTopics(
      admin,
      specs.filter((spec) => present.has(spec.name)).map((spec) => spec.name),
    );
    console.log(table(specs, (name) => described.get(name)));
    if (specs.some((spec) => !present.has(spec.name))) {
      console.log('\ncreate the missing topics with: tmrm topics --create');
    }
  } finally {
    await admin.disconnect();
  }
}

function table(
  specs: TopicSpec[],
  actual: (name: string) => { numPartitions: number; configs: Record<string, string> } | undefined,
): string {
  const rows = [
    ['topic', 'record type', 'partitions', 'cleanup', 'retention', 'max bytes', 'status'],
  ];
  for (const spec of specs) {
    // A present topic shows what the cluster has; a missing one what --create would make.
    const found = actual(spec.name);
    const setting = (name: string) => found?.configs[name] ?? spec.configs[name];
    const differs = Object.keys(spec.configs).filter(
      (name) => setting(name) !== spec.configs[name],
    );
    if (found && found.numPartitions !== spec.numPartitions) differs.unshift('partitions');
    rows.push([
      spec.name,
      spec.recordType ?? '(raw bytes)',
      String(found ? found.numPartitions : spec.numPartitions),
      setting('cleanup.policy'),
      retention(setting('retention.ms')),
      setting('max.message.bytes'),
      !found ? 'missing' : differs.length > 0 ? `differs: ${differs.join(', ')}` : 'present',
    ]);
  }
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function retention(ms: string): string {
  if (ms === '-1') return 'forever';
  const days = Number(ms) / 86_400_000;
  return Number.isInteger(days) ? `${days} d` : `${ms} ms`;
}

function count(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1)
    throw new InvalidArgumentError('must be a whole number >= 1');
  return parsed;
}
