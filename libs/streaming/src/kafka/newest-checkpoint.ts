import type { Kafka } from 'kafkajs';
import { silentLogger, type Logger } from '@tmrm/common';
import { compareCheckpoints, decodeCheckpoint, type Checkpoint } from '../checkpoint';
import type { CheckpointFolder } from '../checkpoint-folder';
import { latestSnapshot } from './latest-snapshot';

/** Options for {@link newestCheckpoint} and {@link checkpointsNewestFirst}. */
export interface NewestCheckpointOptions {
  kafka: Kafka;
  topic: string;
  modelId: string;
  folder: CheckpointFolder | null;
  logger?: Logger;
}

/**
 * The newest readable checkpoint of `modelId` among every complete snapshot on the `models`
 * topic and the newest one in the local folder, "newest" by fencing epoch first, then
 * sequence (see {@link compareCheckpoints}), so that a snapshot a fenced trainer sent late
 * never wins over its successor's. Null when there is none (a cold start).
 */
export async function newestCheckpoint(
  options: NewestCheckpointOptions,
): Promise<Checkpoint | null> {
  return (await checkpointsNewestFirst(options))[0] ?? null;
}

/**
 * Every readable checkpoint of {@link newestCheckpoint}'s sources, newest first. Readable means
 * the header decodes; the model inside may still fail its own hash check when loaded (damaged
 * content under intact chunks), so a restore tries them in turn.
 */
export async function checkpointsNewestFirst(
  options: NewestCheckpointOptions,
): Promise<Checkpoint[]> {
  const log = (options.logger ?? silentLogger).child({ component: 'restore' });
  const candidates: Checkpoint[] = [];
  const consider = (bytes: Buffer, where: string): boolean => {
    try {
      const checkpoint = decodeCheckpoint(bytes);
      if (checkpoint.header.modelId !== options.modelId) return false;
      candidates.push(checkpoint);
      return true;
    } catch (error) {
      log.warn({ where, err: error }, 'unreadable checkpoint ignored');
      return false;
    }
  };
  await latestSnapshot({
    kafka: options.kafka,
    topic: options.topic,
    modelId: options.modelId,
    logger: options.logger,
    accept: (bytes) => consider(bytes, 'models topic'),
  });
  const fromFolder = await options.folder?.latest();
  if (fromFolder) consider(fromFolder, 'checkpoint folder');
  return candidates.sort((a, b) => compareCheckpoints(b.header, a.header));
}
