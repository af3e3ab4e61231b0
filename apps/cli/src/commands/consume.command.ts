import { randomUUID } from 'node:crypto';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { filter, map, take, takeWhile, tap, type Observable } from 'rxjs';
import { fromTopic } from '@tmrm/kafka';
import { codecFor, type RecordCodec, type RecordTypeName } from '@tmrm/schemas';
import { cliKafka, connectAdmin, requireTopic } from '../kafka-io/cli-kafka';
import { closeSignal } from '../kafka-io/close-signal';
import { decodeForDisplay } from '../kafka-io/decode-for-display';
import { endOffsets } from '../kafka-io/end-offsets';
import { formatJson, formatPretty, type ShownRecord } from '../kafka-io/format-record';
import { parseRecordType, recordTypeForTopic } from '../kafka-io/record-type-for-topic';

interface ConsumeFlags {
  topic: string;
  type?: RecordTypeName;
  fromBeginning?: boolean;
  follow?: boolean;
  format: 'pretty' | 'json';
  max?: number;
  group?: string;
}

/**
 * `tmrm consume`: prints a topic's records decoded. Without `--follow` it stops at
 * the end of the topic as it was at start. Without `--group` it reads as a throw-away
 * group, deleted on exit, so it never disturbs the pipeline's own groups.
 */
export function register(program: Command): void {
  program
    .command('consume')
    .description('print the decoded records of a topic')
    .requiredOption('--topic <T>', 'topic to read, such as tmrm.recommendations')
    .option('--type <TYPE>', 'record type (default: from the topic name)', parseRecordType)
    .option('--from-beginning', 'start at the oldest record when the group has no offset')
    .option('--follow', 'keep waiting for new records (Ctrl-C stops)')
    .addOption(
      new Option('--format <F>', 'output format').choices(['pretty', 'json']).default('pretty'),
    )
    .option('--max <N>', 'stop after N records', positiveInteger)
    .option('--group <G>', 'consumer group to read as (its committed offsets move)')
    .action(runConsume);
}

async function runConsume(flags: ConsumeFlags): Promise<void> {
  const session = cliKafka('consume');
  const groupId = flags.group ?? `tmrm-cli-consume-${randomUUID()}`;
  const admin = await connectAdmin(session, 'consume');
  const consumer = closeSignal();
  let started = false;
  try {
    await requireTopic(admin, flags.topic);
    const recordType = recordTypeForTopic(flags.topic, flags.type);
    const codec = recordType ? (codecFor(recordType) as RecordCodec<unknown>) : null;
    const ends = flags.follow
      ? null
      : await endOffsets(admin, flags.topic, groupId, flags.fromBeginning ?? false);
    if (ends?.size === 0) {
      process.stderr.write(
        `consume: nothing to read in ${flags.topic} from where this group starts; ` +
          'use --from-beginning for older records or --follow for new ones\n',
      );
      return;
    }

    let count = 0;
    let failed = 0;
    started = true;
    let records$: Observable<ShownRecord> = fromTopic({
      kafka: session.kafka,
      brokers: session.brokers,
      topics: flags.topic,
      groupId,
      fromBeginning: flags.fromBeginning ?? false,
      decode: decodeForDisplay(recordType, codec),
      highWaterMark: 500,
      connect: session.connect,
      logger: session.logger,
      onClose: consumer.onClose,
    }).pipe(
      tap((record) => record.ack()),
      map((record) => record.value),
      // Without --follow, records written after the start are not ours to show.
      filter((record) => !ends || BigInt(record.offset) < (ends.get(record.partition) ?? -1n)),
      tap((record) => {
        if (!ends) return;
        if (BigInt(record.offset) + 1n >= (ends.get(record.partition) ?? 0n)) {
          ends.delete(record.partition);
        }
      }),
    );
    if (flags.max !== undefined) records$ = records$.pipe(take(flags.max));
    if (ends) records$ = records$.pipe(takeWhile(() => ends.size > 0, true));

    await new Promise<void>((resolve, reject) => {
      const subscription = records$.subscribe({
        next(record) {
          count += 1;
          if (record.error !== undefined) failed += 1;
          const text = flags.format === 'json' ? formatJson(record) : formatPretty(record) + '\n';
          process.stdout.write(text + '\n');
        },
        error: reject,
        complete: resolve,
      });
      const stop = () => {
        subscription.unsubscribe();
        resolve();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      // `tmrm consume ... | head` closes the pipe early: that is the reader saying "enough".
      process.stdout.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'EPIPE') stop();
        else reject(error);
      });
    });
    process.stderr.write(
      `consume: ${count} record(s) from ${flags.topic}` +
        (failed > 0 ? `, ${failed} did not decode` : '') +
        '\n',
    );
  } finally {
    if (started) await consumer.closed;
    if (!flags.group) await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}

function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) {
    throw new InvalidArgumentError('must be a whole number >= 1');
  }
  return parsed;
}
