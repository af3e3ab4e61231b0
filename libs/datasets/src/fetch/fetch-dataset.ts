import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { ConfigError, TmrmError, silentLogger, type Logger } from '@tmrm/common';
import { DATASET_CATALOG, type CatalogEntry } from './dataset-catalog';
import { unzipArchive } from './unzip-archive';

/** Options of {@link fetchDataset}. */
export interface FetchDatasetOptions {
  /** A name of {@link DATASET_CATALOG}. */
  name: string;
  /** Folder to download and unpack into. */
  dir: string;
  /** Replaces the official base URL (mirrors, and the tests' local server). */
  baseUrl?: string;
  /** Replaces the catalog entry (tests). */
  entry?: CatalogEntry;
  logger?: Logger;
}

/** What {@link fetchDataset} did. */
export interface FetchResult {
  /** `downloaded`, or `manual` when the data needs a login and was not found in `dir`. */
  status: 'downloaded' | 'manual' | 'present';
  /** The folder to pass as `--path`. */
  folder: string;
  /** Checks that passed, e.g. `md5 ok`, `u.data: 100000 lines`. */
  checks: string[];
  /** Terms of use, or the manual instructions. */
  message: string;
}

/** A download or check failed; `retriable` when it was the network. */
export class FetchError extends TmrmError {}

/**
 * Downloads a public data set from its official source (where its terms allow), verifies the
 * archive against the published `.md5` file when the server offers one, unpacks it, and checks
 * its shape: the expected files exist with their published line counts. For data behind a
 * login (RetailRocket on Kaggle) it checks a copy already in `dir`, or says where to get it.
 */
export async function fetchDataset(options: FetchDatasetOptions): Promise<FetchResult> {
  const entry = options.entry ?? DATASET_CATALOG[options.name];
  if (!entry) {
    throw new ConfigError(
      'dataset',
      options.name,
      `must be one of ${Object.keys(DATASET_CATALOG).join(', ')}`,
    );
  }
  const log = (options.logger ?? silentLogger).child({ component: 'datasets.fetch' });
  const folder = join(options.dir, entry.folder);

  if (!entry.archive) {
    if (entry.expected.every((file) => existsSync(join(folder, file.path)))) {
      return {
        status: 'present',
        folder,
        checks: await checkShape(entry, folder),
        message: entry.terms,
      };
    }
    return { status: 'manual', folder, checks: [], message: entry.manual ?? entry.terms };
  }

  await mkdir(options.dir, { recursive: true });
  const url = new URL(entry.archive, options.baseUrl ?? entry.baseUrl).href;
  const archivePath = join(options.dir, entry.archive);
  log.info({ url, archivePath }, 'downloading');
  await download(url, archivePath);

  const checks: string[] = [];
  const published = await publishedMd5(`${url}.md5`);
  if (published) {
    const actual = await md5Of(archivePath);
    if (actual !== published) {
      throw new FetchError(
        `${entry.archive}: md5 ${actual} differs from the published ${published}; the download ` +
          'is corrupt or the file changed upstream; delete it and fetch again',
      );
    }
    checks.push(`md5 ${actual} matches ${entry.archive}.md5`);
  } else checks.push('no published md5 to compare with');

  await unzipArchive(archivePath, options.dir);
  checks.push(...(await checkShape(entry, folder)));
  log.info({ folder }, 'data set ready');
  return { status: 'downloaded', folder, checks, message: entry.terms };
}

async function download(url: string, path: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new FetchError(`cannot reach ${url}: ${(error as Error).message}`, {
      retriable: true,
      cause: error,
    });
  }
  if (!response.ok || !response.body) {
    throw new FetchError(`${url} answered HTTP ${response.status}`, {
      retriable: response.status >= 500,
    });
  }
  await pipeline(Readable.fromWeb(response.body as WebReadableStream), createWriteStream(path));
}

/** The hex md5 in a GroupLens-style `.md5` file (`MD5 (x.zip) = HEX` or `HEX  x.zip`), if any. */
async function publishedMd5(url: string): Promise<string | null> {
  try {
    const response = await fetch(url);
    if (!response.ok) return null;
    const match = /\b([0-9a-f]{32})\b/i.exec(await response.text());
    return match ? match[1].toLowerCase() : null;
  } catch {
    return null;
  }
}

async function md5Of(path: string): Promise<string> {
  const hash = createHash('md5');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

/** Every expected file exists and, where known, has its published number of lines. */
async function checkShape(entry: CatalogEntry, folder: string): Promise<string[]> {
  const checks: string[] = [];
  for (const file of entry.expected) {
    const path = join(folder, file.path);
    if (!existsSync(path)) {
      throw new FetchError(
        `${entry.name}: ${file.path} is missing from ${folder}; the archive is not the expected one`,
      );
    }
    if (file.lines === undefined) {
      checks.push(`${file.path} present`);
      continue;
    }
    const lines = await countLines(path);
    if (lines !== file.lines) {
      throw new FetchError(
        `${entry.name}: ${file.path} has ${lines} lines, expected ${file.lines}; the copy is incomplete or a different release`,
      );
    }
    checks.push(`${file.path}: ${lines} lines`);
  }
  return checks;
}

async function countLines(path: string): Promise<number> {
  let lines = 0;
  let last = 0x0a;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(0x0a); i !== -1; i = chunk.indexOf(0x0a, i + 1)) lines++;
    last = chunk[chunk.length - 1];
  }
  return last === 0x0a ? lines : lines + 1;
}
