import type { Kafka } from 'kafkajs';
import { silentLogger, type Logger } from '@tmrm/common';
import { SnapshotAssembler } from '../snapshot-chunks';
import { followTopics } from './follow-topics';
import { decodeChunk } from './models-topic';

/**
 * Reads the `models` topic from its start to its current end and returns the bytes of the last
 * snapshot of `modelId` that arrived complete and intact (in topic order), or null. Corrupt or
 * partial snapshots are skipped with a warning. `accept` may reject a snapshot whose content
 * does not load (it is then skipped too and an older one is kept).
 */
export async function latestSnapshot(options: {
  kafka: Kafka;
  topic: string;
  modelId: string;
  accept?: (bytes: Buffer) => boolean;
  logger?: Logger;
}): Promise<{ version: string; bytes: Buffer } | null> {
  const log = (options.logger ?? silentLogger).child({ component: 'latest-snapshot' });
  const assembler = new SnapshotAssembler();
  let latest: { version: string; bytes: Buffer } | null = null;
  const follower = await followTopics({
    kafka: options.kafka,
    topics: [options.topic],
    fromBeginning: true,
    purpose: 'snapshot-restore',
    logger: options.logger,
    onMessage: (_topic, _partition, message) => {
      const chunk = decodeChunk(message.value);
      if (!chunk || chunk.modelId !== options.modelId) return;
      try {
        const whole = assembler.add(chunk);
        if (whole && (options.accept?.(whole.bytes) ?? true)) latest = whole;
      } catch (error) {
        log.warn({ version: chunk.version, err: error }, 'snapshot rejected');
      }
    },
  });
  await follower.caughtUp;
  await follower.stop();
  return latest;
}
