import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { writeSyntheticDataset } from '../synthetic/write-synthetic-dataset';
import { collectRecords } from '../testing/collect-records';
import { withTemporaryFolder } from '../testing/temporary-folder';
import { openDataset } from './open-dataset';

test('reads synth output back as labelled records', async (t) => {
  await withTemporaryFolder(async (folder) => {
    const summary = await writeSyntheticDataset({
      users: 10,
      items: 8,
      events: 200,
      seed: 1,
      outDir: folder,
    });
    const reader = openDataset({ dataset: 'tmrm', path: folder });
    const { users, items, events, labels } = await collectRecords(reader);
    t.true(reader.labelled);
    t.is(users.length, 10);
    t.is(items.length, 8);
    t.is(events.length, 200);
    t.is(labels.filter((l) => l === 1).length, summary.clicks);
  });
});

test('invalid records and unknown ids are issues naming file and line', async (t) => {
  await withTemporaryFolder(async (folder) => {
    const features = { categorical: {}, numeric: {}, multi: {} };
    await writeFile(
      join(folder, 'users.jsonl'),
      JSON.stringify({ userId: 'u1', features, updatedAtMs: 0 }) + '\n',
    );
    await writeFile(
      join(folder, 'items.jsonl'),
      JSON.stringify({ itemId: 'i1', features, updatedAtMs: 0 }) + '\n',
    );
    const event = {
      eventId: 'e1',
      userId: 'u1',
      itemId: 'i1',
      eventType: 'click',
      value: null,
      eventTimeMs: 5,
      context: null,
    };
    await writeFile(
      join(folder, 'events.jsonl'),
      [
        JSON.stringify(event),
        JSON.stringify({ ...event, userId: 'u9' }),
        JSON.stringify({ ...event, itemId: 'i9' }),
        JSON.stringify({ ...event, eventType: 'like' }),
        '{oops',
      ].join('\n'),
    );
    const reader = openDataset({ dataset: 'tmrm', path: folder });
    const { events, labels } = await collectRecords(reader);
    t.is(events.length, 1);
    t.deepEqual(labels, [null]);
    const lines = reader.issues.examples.map((i) => `${i.file}:${i.line}`);
    t.deepEqual(lines, ['events.jsonl:2', 'events.jsonl:3', 'events.jsonl:4', 'events.jsonl:5']);
    t.regex(reader.issues.examples[0].reason, /unknown user id "u9"/);
  });
});
