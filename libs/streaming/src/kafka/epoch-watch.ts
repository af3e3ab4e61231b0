import type { Kafka } from 'kafkajs';
import { silentLogger, type Logger } from '@tmrm/common';
import { peekCheckpointHeader, type CheckpointHeader } from '../checkpoint';
import { followTopics, type TopicFollower } from './follow-topics';
import { decodeChunk } from './models-topic';
import { OffsetWatermarks } from './offset-watermarks';

/** Who wrote a snapshot, as far as fencing is concerned. */
export type Writer = Pick<CheckpointHeader, 'epoch' | 'trainerId'>;

/** Options for {@link watchEpochs}. */
export interface WatchEpochsOptions {
  kafka: Kafka;
  /** The `models` topic. */
  topic: string;
  modelId: string;
  /** Called once for the first snapshot that outranks `mine` (see {@link EpochWatch.claim}). */
  onOutranked: (writer: Writer) => void;
  logger?: Logger;
}

/**
 * Fencing for trainers of one model: follows the `models` topic and remembers the highest
 * (epoch, trainer id) among its snapshots, read from the header in each snapshot's first chunk
 * (no snapshot is assembled). A trainer claims the next epoch when it takes over and asks,
 * before each publish, whether someone outranks it; a paused trainer that wakes up after a
 * standby took over thus learns it was replaced and steps down instead of publishing.
 *
 * What remains: a snapshot sent between a trainer's check and its send is not fenced by this
 * check; it is still outranked by epoch wherever snapshots are chosen (restore, scorer).
 */
export class EpochWatch {
  private highest: Writer | null = null;
  private mine: Writer | null = null;
  private reported = false;
  private readonly read = new OffsetWatermarks();
  private follower: TopicFollower | null = null;

  constructor(private readonly options: WatchEpochsOptions) {}

  /** Reads the topic to its current end. */
  async start(): Promise<void> {
    this.follower = await followTopics({
      kafka: this.options.kafka,
      topics: [this.options.topic],
      fromBeginning: true,
      purpose: 'trainer-epochs',
      logger: this.options.logger,
      onMessage: (_topic, partition, message) => {
        try {
          this.see(message.value);
        } finally {
          this.read.advance(partition, message.offset);
        }
      },
    });
    await this.follower.caughtUp;
  }

  /** The highest writer seen so far, or null. */
  get newest(): Writer | null {
    return this.highest;
  }

  /** Takes the next epoch, above every one seen (and `atLeast`), for this trainer. */
  claim(trainerId: string, atLeast = 0): Writer {
    this.mine = { epoch: Math.max(this.highest?.epoch ?? 0, atLeast) + 1, trainerId };
    return this.mine;
  }

  /**
   * Whether a writer that outranks this trainer's claim has published, judged once the watch
   * has read everything on the topic now (or after `timeoutMs`, with what it has).
   */
  async outranked(timeoutMs = 5_000): Promise<Writer | null> {
    const admin = this.options.kafka.admin();
    await admin.connect();
    try {
      const ends = await admin.fetchTopicOffsets(this.options.topic);
      await Promise.all(
        ends
          .filter(({ high, low }) => BigInt(high) > BigInt(low))
          .map(({ partition, high }) =>
            this.read.reached(partition, (BigInt(high) - 1n).toString(), timeoutMs),
          ),
      );
    } finally {
      await admin.disconnect();
    }
    return this.mine && this.highest && outranks(this.highest, this.mine) ? this.highest : null;
  }

  async stop(): Promise<void> {
    await this.follower?.stop();
  }

  private see(value: Buffer | null): void {
    const chunk = decodeChunk(value);
    if (!chunk || chunk.modelId !== this.options.modelId || chunk.chunkIndex !== 0) return;
    let header: CheckpointHeader | null;
    try {
      header = peekCheckpointHeader(chunk.bytes);
    } catch {
      return; // not a checkpoint: whoever reads it in full rejects it
    }
    if (!header) return;
    if (!this.highest || outranks(header, this.highest)) {
      this.highest = { epoch: header.epoch, trainerId: header.trainerId };
    }
    if (this.mine && !this.reported && outranks(header, this.mine)) {
      this.reported = true;
      (this.options.logger ?? silentLogger).warn(
        { mine: this.mine, newer: this.highest },
        'a newer trainer epoch is on the models topic',
      );
      this.options.onOutranked(this.highest);
    }
  }
}

/** Whether `a` wins over `b`: a higher epoch, or the same epoch and a higher trainer id. */
function outranks(a: Writer, b: Writer): boolean {
  return a.epoch > b.epoch || (a.epoch === b.epoch && a.trainerId > b.trainerId);
}
