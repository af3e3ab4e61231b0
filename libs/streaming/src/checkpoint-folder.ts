import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError } from '@tmrm/common';

/** Options for {@link CheckpointFolder}. */
export interface CheckpointFolderOptions {
  directory: string;
  /** Checkpoints kept; older ones are deleted after each save. Default 3. */
  keep?: number;
}

/**
 * Checkpoints in a local folder, newest kept: `checkpoint-<sequence>.ckpt`, written to a
 * temporary name and renamed, so a crash mid-write never leaves a half file under the real
 * name. The Kafka `models` topic is the copy that matters for failover across machines; this
 * folder is the local one, for a restart on the same machine without a broker round trip.
 */
export class CheckpointFolder {
  private readonly keep: number;

  constructor(private readonly options: CheckpointFolderOptions) {
    this.keep = options.keep ?? 3;
    if (!Number.isInteger(this.keep) || this.keep < 1) {
      throw new ConfigError('keep', this.keep, 'must be an integer >= 1');
    }
  }

  async save(sequence: number, bytes: Buffer): Promise<string> {
    await mkdir(this.options.directory, { recursive: true });
    const name = `checkpoint-${String(sequence).padStart(8, '0')}.ckpt`;
    const path = join(this.options.directory, name);
    await writeFile(`${path}.tmp`, bytes);
    await rename(`${path}.tmp`, path);
    const names = await this.names();
    for (const old of names.slice(0, Math.max(0, names.length - this.keep))) {
      await rm(join(this.options.directory, old), { force: true });
    }
    return path;
  }

  /** The newest checkpoint's bytes, or null when the folder holds none. */
  async latest(): Promise<Buffer | null> {
    const names = await this.names();
    const newest = names[names.length - 1];
    return newest ? readFile(join(this.options.directory, newest)) : null;
  }

  private async names(): Promise<string[]> {
    const all = await readdir(this.options.directory).catch(() => [] as string[]);
    return all.filter((name) => /^checkpoint-\d+\.ckpt$/.test(name)).sort();
  }
}
