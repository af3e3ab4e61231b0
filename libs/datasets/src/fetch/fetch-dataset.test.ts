import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import test from 'ava';
import { collectRecords } from '../testing/collect-records';
import { withTemporaryFolder } from '../testing/temporary-folder';
import { writeZip } from '../testing/write-zip';
import { openDataset } from '../readers/open-dataset';
import { fetchDataset } from './fetch-dataset';

/** An ml-100k-shaped archive: the published line counts, with tiny repeated content. */
function ml100kFiles(ratings = 100_000): Record<string, string> {
  const users = Array.from({ length: 943 }, (_, u) => `${u + 1}|30|F|other|12345`);
  const items = Array.from({ length: 1682 }, (_, i) => `${i + 1}|Movie (1995)|01-Jan-1995||u|0|1`);
  const data = Array.from(
    { length: ratings },
    (_, r) => `${(r % 943) + 1}\t${(r % 1682) + 1}\t4\t${880000000 + r}`,
  );
  return {
    'ml-100k/u.genre': 'unknown|0\nAction|1\n',
    'ml-100k/u.user': users.join('\n') + '\n',
    'ml-100k/u.item': items.join('\n') + '\n',
    'ml-100k/u.data': data.join('\n') + '\n',
  };
}

/** Serves files from memory at http://127.0.0.1:PORT/NAME; unknown names are 404. */
async function serve(
  files: Record<string, Buffer | string>,
): Promise<{ server: Server; baseUrl: string }> {
  const server = createServer((request, response) => {
    const body = files[(request.url ?? '').slice(1)];
    response.writeHead(body === undefined ? 404 : 200);
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

async function fixtureArchive(folder: string, ratings?: number): Promise<Buffer> {
  await writeZip(join(folder, 'fixture.zip'), ml100kFiles(ratings));
  return readFile(join(folder, 'fixture.zip'));
}

test('fetches ml-100k from a base URL, checks the md5 and the shape, and the reader reads it', async (t) => {
  await withTemporaryFolder(async (folder) => {
    const zip = await fixtureArchive(folder);
    const md5 = createHash('md5').update(zip).digest('hex');
    const { server, baseUrl } = await serve({
      'ml-100k.zip': zip,
      'ml-100k.zip.md5': `MD5 (ml-100k.zip) = ${md5}\n`,
    });
    t.teardown(() => server.close());
    const result = await fetchDataset({ name: 'ml-100k', dir: join(folder, 'data'), baseUrl });
    t.is(result.status, 'downloaded');
    t.is(result.folder, join(folder, 'data', 'ml-100k'));
    t.deepEqual(result.checks, [
      `md5 ${md5} matches ml-100k.zip.md5`,
      'u.data: 100000 lines',
      'u.user: 943 lines',
      'u.item: 1682 lines',
      'u.genre present',
    ]);
    const reader = openDataset({ dataset: 'ml-100k', path: result.folder });
    const { events } = await collectRecords(reader);
    t.is(events.length, 100_000);
  });
});

test('a wrong md5 and a short file are refused with what differs', async (t) => {
  await withTemporaryFolder(async (folder) => {
    const short = await fixtureArchive(folder, 99_999);
    const { server, baseUrl } = await serve({
      'ml-100k.zip': short,
      'ml-100k.zip.md5': `${'0'.repeat(32)}  ml-100k.zip\n`,
    });
    t.teardown(() => server.close());
    await t.throwsAsync(fetchDataset({ name: 'ml-100k', dir: join(folder, 'a'), baseUrl }), {
      message: /ml-100k\.zip: md5 [0-9a-f]{32} differs from the published 0{32}/,
    });
    const { server: noMd5, baseUrl: otherUrl } = await serve({ 'ml-100k.zip': short });
    t.teardown(() => noMd5.close());
    await t.throwsAsync(
      fetchDataset({ name: 'ml-100k', dir: join(folder, 'b'), baseUrl: otherUrl }),
      {
        message: /u\.data has 99999 lines, expected 100000/,
      },
    );
    await t.throwsAsync(
      fetchDataset({ name: 'ml-1m', dir: join(folder, 'c'), baseUrl: otherUrl }),
      {
        message: /ml-1m\.zip answered HTTP 404/,
      },
    );
  });
});

test('retailrocket says where to get it, and checks a copy that is there', async (t) => {
  await withTemporaryFolder(async (folder) => {
    const missing = await fetchDataset({ name: 'retailrocket', dir: folder });
    t.is(missing.status, 'manual');
    t.regex(missing.message, /kaggle\.com\/datasets\/retailrocket\/ecommerce-dataset/);
    for (const file of [
      'events.csv',
      'category_tree.csv',
      'item_properties_part1.csv',
      'item_properties_part2.csv',
    ]) {
      await writeFile(join(folder, file), 'header\n');
    }
    const present = await fetchDataset({ name: 'retailrocket', dir: folder });
    t.is(present.status, 'present');
    t.is(present.checks.length, 4);
  });
});
