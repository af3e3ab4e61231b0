import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import { createKafka, topicCatalogue } from '@tmrm/kafka';
import { codecFor, makeRecord, type RecordTypeName } from '@tmrm/schemas';

// `tmrm topics`, `produce` and `consume` as a user runs them, against the real broker,
// under a random topic prefix so nothing collides with other tests or a user's topics.
const bin = fileURLToPath(new URL('../../apps/cli/bin/tmrm.js', import.meta.url));
const prefix = `tmrm-e2e-${randomUUID().slice(0, 8)}.`;
const specs = topicCatalogue({ prefix });
const topicOf = (recordType: RecordTypeName) =>
  specs.find((spec) => spec.recordType === recordType)!.name;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI; `firstLine` resolves once it has printed a first line on standard output. */
function tmrm(
  args: string[],
  options: { input?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<Run> & { firstLine: Promise<void> } {
  let sawLine!: () => void;
  const firstLine = new Promise<void>((resolve) => (sawLine = resolve));
  const done = new Promise<Run>((resolve) => {
    const child = execFile(
      process.execPath,
      [bin, ...args],
      {
        timeout: 120_000,
        env: { ...process.env, TMRM_TOPIC_PREFIX: prefix, ...options.env },
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        sawLine();
        resolve({ code, stdout, stderr });
      },
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.includes(10)) sawLine();
    });
    child.stdin!.end(options.input ?? '');
  });
  return Object.assign(done, { firstLine });
}

let folder = '';
test.before(async () => {
  folder = await mkdtemp(join(tmpdir(), 'tmrm-cli-io-'));
});

test.after.always(async () => {
  const admin = createKafka().admin();
  await admin.connect();
  const existing = new Set(await admin.listTopics());
  const topics = specs.map((spec) => spec.name).filter((name) => existing.has(name));
  if (topics.length > 0) await admin.deleteTopics({ topics }).catch(() => undefined);
  await admin.disconnect();
  if (folder) await rm(folder, { recursive: true, force: true });
});

test.serial('topics --create makes the catalogue, and topics lists it as present', async (t) => {
  const created = await tmrm(['topics', '--create', '--partitions', '2']);
  t.is(created.code, 0, created.stderr);
  t.is(created.stdout.match(/^created /gm)?.length, specs.length, created.stdout);

  const listed = await tmrm(['topics', '--partitions', '2']);
  t.is(listed.code, 0, listed.stderr);
  t.regex(listed.stdout, new RegExp(`${prefix.replace('.', '\\.')}models\\s+ModelSnapshotChunk`));
  t.is(listed.stdout.match(/ present$/gm)?.length, specs.length);
  t.regex(listed.stdout, /compact\s+forever\s+8388608/);
});

// Every record type's codec round trip through Kafka is tested in libs/kafka; here the
// commands carry three that stress different parts: an event (with bad lines around it),
// a recommendation (the pretty format) and a snapshot chunk (bytes as base64 in JSON).
test.serial(
  'produce and consume round-trip records as JSON lines; bad lines are reported',
  async (t) => {
    const valid = {
      event: makeRecord('InteractionEvent'),
      recommendation: makeRecord('Recommendation'),
      chunk: makeRecord('ModelSnapshotChunk'),
    };
    const events = codecFor('InteractionEvent');
    const event = (eventId: string) => JSON.stringify(events.toJson({ ...valid.event, eventId }));
    const file = join(folder, 'events.jsonl');
    await writeFile(
      file,
      [
        event('good-1'),
        '{"eventId": "broken"',
        '',
        JSON.stringify({ ...(events.toJson(valid.event) as object), eventType: 'teleport' }),
        event('good-2'),
      ].join('\n'),
    );
    const asLine = (recordType: RecordTypeName, record: unknown) =>
      `${JSON.stringify(codecFor(recordType).toJson(record as never))}\n`;

    const [producedEvents, producedRecommendation, producedChunk] = await Promise.all([
      tmrm(['produce', '--topic', topicOf('InteractionEvent'), '--file', file]),
      tmrm(['produce', '--topic', topicOf('Recommendation')], {
        input: asLine('Recommendation', valid.recommendation),
      }),
      tmrm(['produce', '--type', 'ModelSnapshotChunk', '--topic', topicOf('ModelSnapshotChunk')], {
        input: asLine('ModelSnapshotChunk', valid.chunk),
      }),
    ]);
    t.is(producedEvents.code, 1, 'rejected lines make the exit status 1');
    t.regex(producedEvents.stderr, /^line 2: not valid JSON/m);
    t.regex(
      producedEvents.stderr,
      /^line 4: InteractionEvent\.eventType: must be one of view, click/m,
    );
    t.notRegex(producedEvents.stderr, /^line [135]:/m);
    t.regex(
      producedEvents.stdout,
      /produced 2 InteractionEvent record\(s\) to .*; rejected 2 line\(s\)/,
    );
    t.is(producedRecommendation.code, 0, producedRecommendation.stderr);
    t.is(producedChunk.code, 0, producedChunk.stderr);

    const json = ['--from-beginning', '--format', 'json'];
    const [readEvents, readChunk, pretty] = await Promise.all([
      tmrm(['consume', '--topic', topicOf('InteractionEvent'), ...json]),
      tmrm(['consume', '--topic', topicOf('ModelSnapshotChunk'), ...json]),
      tmrm(['consume', '--topic', topicOf('Recommendation'), '--from-beginning']),
    ]);
    const values = (run: Run) =>
      run.stdout
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { value: unknown }).value);
    t.deepEqual(
      values(readEvents)
        .map((value) => (value as { eventId: string }).eventId)
        .sort(),
      ['good-1', 'good-2'],
    );
    t.deepEqual(values(readChunk), [codecFor('ModelSnapshotChunk').toJson(valid.chunk)]);

    t.is(pretty.code, 0, pretty.stderr);
    t.regex(pretty.stdout, /Recommendation r1 for user u1, model m-2023-11-14\.1/);
    t.regex(pretty.stdout, /^\s+1\. i9 {2}score 0\.8300$/m);
    t.regex(
      pretty.stdout,
      /^\s+because age in \[25, 34\] AND genre in \{Drama, Comedy\} {2}\(weight 0\.610\)$/m,
    );
    t.regex(pretty.stdout, /^\s+2\. i1 {2}score 0\.4000\n\s+\(no explanation\)$/m);
  },
);

test.serial('consume --follow waits for new records and stops after --max', async (t) => {
  const topic = topicOf('Recommendation');
  // The topic holds one recommendation already; the second arrives while consume waits.
  const follow = tmrm(['consume', '--topic', topic, '--from-beginning', '--follow', '--max', '2']);
  await follow.firstLine;
  const later = { ...makeRecord('Recommendation'), requestId: 'r-later' };
  const produced = await tmrm(['produce', '--topic', topic], {
    input: `${JSON.stringify(codecFor('Recommendation').toJson(later))}\n`,
  });
  t.is(produced.code, 0, produced.stderr);
  const run = await follow;
  t.is(run.code, 0, run.stderr);
  t.regex(run.stdout, /Recommendation r1 for user u1[\s\S]*Recommendation r-later for user u1/);
});

test.serial('clear errors: unknown topic, no broker, bad options', async (t) => {
  const [unknown, noBroker, badMax] = await Promise.all([
    tmrm(['consume', '--topic', `${prefix}no-such-topic`]),
    tmrm(['produce', '--topic', topicOf('InteractionEvent')], {
      env: { KAFKA_BROKERS: '127.0.0.1:1' },
    }),
    tmrm(['consume', '--topic', topicOf('InteractionEvent'), '--max', 'lots']),
  ]);
  t.is(unknown.code, 1);
  t.regex(unknown.stderr, /^tmrm: topic "tmrm-e2e-.*no-such-topic" does not exist/m);
  t.regex(unknown.stderr, /tmrm topics --create/);
  t.is(noBroker.code, 1);
  t.regex(
    noBroker.stderr,
    /^tmrm: produce: cannot reach the Kafka broker at 127\.0\.0\.1:1 after 2 attempts/m,
  );
  t.not(badMax.code, 0);
  t.regex(badMax.stderr, /--max <N>' argument 'lots' is invalid/);
});
