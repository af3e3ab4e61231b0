import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, normalize, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { TmrmError } from '@tmrm/common';

/**
 * Unpacks a zip archive into a folder, entry by entry (constant memory), refusing entries whose
 * path would land outside the folder ("zip slip"). Returns the paths written.
 */
export async function unzipArchive(archivePath: string, targetDir: string): Promise<string[]> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(archivePath, { lazyEntries: true }, (error, file) =>
      error
        ? reject(
            new TmrmError(`${archivePath} is not a readable zip archive: ${error.message}`, {
              cause: error,
            }),
          )
        : resolve(file),
    ),
  );
  const written: string[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', resolve);
      zip.on('entry', (entry: yauzl.Entry) => {
        const relative = normalize(entry.fileName);
        if (
          relative.startsWith('..') ||
          relative.startsWith(sep) ||
          relative.includes(`..${sep}`)
        ) {
          reject(
            new TmrmError(
              `${archivePath}: entry ${entry.fileName} points outside the target folder`,
            ),
          );
          return;
        }
        const target = join(targetDir, relative);
        if (entry.fileName.endsWith('/')) {
          mkdir(target, { recursive: true }).then(() => zip.readEntry(), reject);
          return;
        }
        zip.openReadStream(entry, (error, stream: Readable) => {
          if (error) return reject(error);
          mkdir(dirname(target), { recursive: true })
            .then(() => pipeline(stream, createWriteStream(target)))
            .then(() => {
              written.push(target);
              zip.readEntry();
            }, reject);
        });
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
  return written;
}
