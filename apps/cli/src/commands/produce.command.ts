import { type Command, InvalidArgumentError } from 'commander';
import { lastValueFrom, Observable, tap } from 'rxjs';
import { TmrmError } from '@tmrm/common';
import { toTopic, type OutgoingRecord } from '@tmrm/kafka';
import { codecFor, type RecordCodec, type RecordTypeName } from '@tmrm/schemas';
import { cliKafka, connectAdmin, requireTopic } from '../kafka-io/cli-kafka';
import { closeSignal } from '../kafka-io/close-signal';
import { readJsonLines } from '../kafka-io/read-json-lines';
import { recordKey } from '../kafka-io/record-key';
import { parseRecordType, recordTypeForTopic } from '../kafka-io/record-type-for-topic';

interface ProduceFlags {
  topic: string;
  type?: RecordTypeName;
  file?: string;
}

/** Lines read but not yet acknowledged by the broker; reading waits above this. */
const MAX_PENDING_RECORDS = 5_000;

/**
 * `tmrm produce`: JSON lines to validated Avro records on a topic. A bad line is
 * reported with its number and reason and skipped; the good lines are still sent.
 * Exits with status 1 when any line was rejected, so a script notices.
 */
export function register(program: Command): void {
  program
    .command('produce')
    .description('send JSON lines (a file or standard input) to a topic as validated Avro records')
    .requiredOption('--topic <T>', 'topic to write to, such as tmrm.interactions')
    .option(
      '--type <TYPE>',
      'record type (default: from the topic name), e.g. InteractionEvent',
      parseRecordType,
    )
    .option('--file <F>', 'JSONL file to read; standard input when absent or "-"')
    .addHelpText(
      'after',
      '\nBad lines are reported on standard error as "line N: reason" and skipped; the ' +
        'good lines are still sent.\nExit status 1 if any line was rejected.\n\nExample:\n  echo \'{"eventId":"e1","userId":"u1","itemId":"i9","eventType":"click",' +
        '"value":null,"eventTimeMs":1700000000000,"context":null}\' \\\n' +
        '    | tmrm produce --topic tmrm.interactions',
    )
    .action(runProduce);
}

async function runProduce(flags: ProduceFlags): Promise<void> {
  const session = cliKafka('produce');
  const admin = await connectAdmin(session, 'produce');
  try {
    await requireTopic(admin, flags.topic);
  } finally {
    await admin.disconnect();
  }
  const recordType = recordTypeForTopic(flags.topic, flags.type);
  if (recordType === null) {
    throw new InvalidArgumentError(
      `topic "${flags.topic}" holds raw dead letters, not records of a type; pass --type`,
    );
  }
  const codec = codecFor(recordType) as RecordCodec<unknown>;

  if ((flags.file === undefined || flags.file === '-') && process.stdin.isTTY) {
    process.stderr.write('produce: reading JSON lines from standard input (Ctrl-D ends)\n');
  }
  const counts = { sent: 0, rejected: 0 };
  const flow = new PendingRecords(MAX_PENDING_RECORDS);
  const lines$ = new Observable<OutgoingRecord<number>>((subscriber) => {
    let stopped = false;
    void (async () => {
      for await (const { lineNumber, text } of readJsonLines(flags.file)) {
        if (stopped) return;
        const parsed = parseLine(codec, recordType, text);
        if ('reason' in parsed) {
          counts.rejected += 1;
          process.stderr.write(`line ${lineNumber}: ${parsed.reason}\n`);
          continue;
        }
        subscriber.next({ ...parsed, context: lineNumber });
        await flow.added();
      }
      subscriber.complete();
    })().catch((error: unknown) => subscriber.error(error));
    return () => {
      stopped = true;
    };
  });

  const producer = closeSignal();
  try {
    await lastValueFrom(
      lines$.pipe(
        toTopic<number>({
          kafka: session.kafka,
          brokers: session.brokers,
          topic: flags.topic,
          connect: session.connect,
          logger: session.logger,
          onClose: producer.onClose,
        }),
        tap(() => {
          counts.sent += 1;
          flow.removed();
        }),
      ),
      { defaultValue: undefined },
    );
  } finally {
    await producer.closed;
  }

  console.log(
    `produced ${counts.sent} ${recordType} record(s) to ${flags.topic}; ` +
      `rejected ${counts.rejected} line(s)`,
  );
  if (counts.rejected > 0) process.exitCode = 1;
}

function parseLine(
  codec: RecordCodec<unknown>,
  recordType: RecordTypeName,
  text: string,
): { key: string; value: Buffer } | { reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { reason: `not valid JSON: ${(error as Error).message}` };
  }
  try {
    const record = codec.fromJson(json);
    return { key: recordKey(recordType, record as never), value: codec.encode(record) };
  } catch (error) {
    if (error instanceof TmrmError) return { reason: error.message };
    throw error;
  }
}

/** Lets the reader run ahead of the broker's acknowledgements by a bounded amount. */
class PendingRecords {
  private count = 0;
  private wake: (() => void) | null = null;

  constructor(private readonly limit: number) {}

  async added(): Promise<void> {
    this.count += 1;
    if (this.count < this.limit) return;
    await new Promise<void>((resolve) => (this.wake = resolve));
  }

  removed(): void {
    this.count -= 1;
    if (this.wake && this.count <= this.limit / 2) {
      this.wake();
      this.wake = null;
    }
  }
}
