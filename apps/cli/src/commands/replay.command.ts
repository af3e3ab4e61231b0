import type { Command } from 'commander';
import { ConfigError, createLogger } from '@tmrm/common';
import { openDataset } from '@tmrm/datasets';
import { createKafka, ensureTopics, topicCatalogue, type TopicSpec } from '@tmrm/kafka';
import { openOptions, withDatasetOptions, type DatasetFlags } from '../datasets/dataset-options';
import { integerOption, numberOption } from '../datasets/parse-options';
import { replayDataset } from '../datasets/replay/replay-dataset';
import type { ReplayPace } from '../datasets/replay/replay-pacer';
import { progressDisplay } from '../datasets/replay/replay-progress';

interface ReplayFlags extends DatasetFlags {
  topic: string;
  rate?: number;
  speedup?: number;
  max?: boolean;
  limit?: number;
  from?: number;
  state?: string;
  batchSize: number;
  acks: string;
  requestsPerBatch: number;
}

/**
 * `tmrm replay`: publishes a data set to Kafka as if it were happening now, profiles first and
 * then events in time order, so tmrm (or any consumer) can be compared with what runs today.
 */
export function register(program: Command): void {
  const command = program
    .command('replay')
    .description('publish a data set to Kafka: profiles, then events in event-time order');
  withDatasetOptions(command)
    .option(
      '--topic <T>',
      'interactions topic: a catalogue name or a full topic name',
      'interactions',
    )
    .option('--rate <EPS>', 'send this many events per second', numberOption('--rate', 0))
    .option(
      '--speedup <X>',
      'replay event time X times faster than it happened',
      numberOption('--speedup', 0),
    )
    .option('--max', 'send as fast as the broker accepts (the default)')
    .option('--limit <N>', 'send at most N events', integerOption('--limit', 1))
    .option('--from <N>', 'start at event N of the time-ordered stream', integerOption('--from'))
    .option('--state <FILE>', 'resume from and save progress to this file')
    .option(
      '--batch-size <N>',
      'messages per produce request',
      integerOption('--batch-size', 1),
      5000,
    )
    .option(
      '--acks <all|leader>',
      'all: every in-sync replica, idempotent, no duplicates; leader: acks=1, faster, ' +
        'a retried request may duplicate events',
      'all',
    )
    .option(
      '--requests-per-batch <N>',
      'produce requests per batch, each on its own partitions, sent together',
      integerOption('--requests-per-batch', 1),
      2,
    )
    .action(runReplay);
}

async function runReplay(flags: ReplayFlags): Promise<void> {
  const pace = paceOf(flags);
  if (flags.acks !== 'all' && flags.acks !== 'leader') {
    throw new ConfigError('--acks', flags.acks, "must be 'all' or 'leader'");
  }
  const logger = createLogger({ name: 'tmrm.replay' });
  const reader = openDataset({ ...openOptions(flags), logger });
  const catalogue = topicCatalogue();
  const spec = (logical: string) => catalogue.find((t) => t.logical === logical) as TopicSpec;
  const interactions = spec('interactions');
  const eventsSpec: TopicSpec = catalogue.some((t) => t.logical === flags.topic)
    ? spec(flags.topic)
    : { ...interactions, name: flags.topic };

  const kafka = createKafka({ logger });
  const admin = kafka.admin();
  await admin.connect();
  try {
    await ensureTopics(admin, [eventsSpec, spec('user-profiles'), spec('item-profiles')], {
      logger,
    });
  } finally {
    await admin.disconnect();
  }

  const display = progressDisplay();
  const abort = new AbortController();
  const onSignal = () => abort.abort();
  process.once('SIGINT', onSignal);
  try {
    const summary = await replayDataset({
      kafka,
      reader,
      source: { dataset: flags.dataset, path: flags.path },
      topics: {
        interactions: eventsSpec.name,
        userProfiles: spec('user-profiles').name,
        itemProfiles: spec('item-profiles').name,
      },
      pace,
      fromEvent: flags.from,
      limit: flags.limit,
      statePath: flags.state,
      batchSize: flags.batchSize,
      acks: flags.acks,
      requestsPerBatch: flags.requestsPerBatch,
      onProgress: (progress) => display.update(progress),
      signal: abort.signal,
      logger,
    });
    display.stop();
    console.log(
      `replayed ${summary.eventsSent} events (positions ${summary.fromEvent}..${summary.position} ` +
        `of ${summary.eventsInDataset}) to ${eventsSpec.name}, ${summary.usersSent} user and ` +
        `${summary.itemsSent} item profiles, in ${(summary.elapsedMs / 1000).toFixed(1)} s ` +
        `(${Math.round(summary.eventsPerSecond)} events/s; events ${summary.ordering})`,
    );
    for (const line of reader.issues.summary()) console.log(`skipped: ${line}`);
    if (summary.stopped) console.log(`stopped early: continue with --from ${summary.position}`);
  } finally {
    display.stop();
    process.off('SIGINT', onSignal);
  }
}

function paceOf(flags: ReplayFlags): ReplayPace {
  const chosen = [flags.rate !== undefined, flags.speedup !== undefined, flags.max === true];
  if (chosen.filter(Boolean).length > 1) {
    throw new ConfigError('--rate/--speedup/--max', 'several', 'choose one of them');
  }
  if (flags.rate !== undefined) return { kind: 'rate', eventsPerSecond: flags.rate };
  if (flags.speedup !== undefined) return { kind: 'speedup', factor: flags.speedup };
  return { kind: 'max' };
}
