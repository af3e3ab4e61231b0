import { randomUUID } from 'node:crypto';
import { concatMap, Subject, tap, type Subscription } from 'rxjs';
import type { Consumer, Kafka, Producer } from 'kafkajs';
import { silentLogger, type Logger } from '@tmrm/common';
import { codecFor, type InteractionEvent } from '@tmrm/schemas';
import { encodeCheckpoint, type Checkpoint } from '../checkpoint';
import { CheckpointFolder } from '../checkpoint-folder';
import { featurizeEvent } from '../featurize';
import { joinProfiles } from '../join-profiles';
import { labelEvents, type LabelPolicy, type PositionedEvent } from '../label-events';
import { miniBatch } from '../mini-batch';
import { OnlineTrainer, type OnlineTrainerOptions, type TrainReport } from '../online-trainer';
import { ProfileStore, type ProfileStoreOptions } from '../profile-store';
import { RecentBehaviour, type RecentBehaviourOptions } from '../recent-behaviour';
import { sampleNegatives } from '../sample-negatives';
import { BadRecords } from './bad-records';
import { followProfiles } from './follow-profiles';
import type { TopicFollower } from './follow-topics';
import { EpochWatch, type Writer } from './epoch-watch';
import { checkpointsNewestFirst } from './newest-checkpoint';
import { publishSnapshot, type ChunkId } from './models-topic';
import { requestLease, type Lease } from './lease';
import { runConsumer } from './run-consumer';

/** Topic names the trainer reads and writes. */
export interface TrainerTopics {
  interactions: string;
  userProfiles: string;
  itemProfiles: string;
  models: string;
  /** Where interaction records that fail to decode or validate go; none: counted and logged. */
  deadLetters?: string;
}

/** Options for {@link TrainerRuntime}. */
export interface TrainerRuntimeOptions {
  kafka: Kafka;
  topics: TrainerTopics;
  /** Consumer group of the interactions; also names the lease group `<groupId>.lease`. */
  groupId: string;
  /** Local checkpoint folder; none when absent. */
  checkpointDirectory?: string;
  /** Checkpoints kept locally and on the topic; default 3. */
  keepCheckpoints?: number;
  /** Checkpoint after this many trained mini-batches; default 20. */
  checkpointEveryBatches?: number;
  /** Checkpoint at least this often while training, in ms; default 30,000. */
  checkpointEveryMs?: number;
  /** Mini-batch size; default 256. */
  batchSize?: number;
  /** Longest wait for a mini-batch to fill, ms; default 500. */
  batchWaitMs?: number;
  /**
   * Users whose recent-behaviour counters go into each checkpoint, the most recently active;
   * the others restart from zero after a restore. Default 20,000.
   */
  checkpointUsers?: number;
  /** Sampled negatives per positive, for positive-only streams; default 0 (off). */
  negativesPerPositive?: number;
  labelPolicy?: Partial<LabelPolicy>;
  trainer?: OnlineTrainerOptions;
  /**
   * Bounds of the trainer's state: profiles held (LRU) and the recent-behaviour histories and
   * popularity window; defaults as in ProfileStore and RecentBehaviour (100,000 users and
   * items each). Co-occurrence counts are off (`coOccurrence: false`) unless options for them
   * are given: only the scorer's candidate generation reads them.
   */
  state?: { profiles?: ProfileStoreOptions; behaviour?: RecentBehaviourOptions };
  /** Session timeout of both groups: how fast a dead trainer is noticed; default 10,000. */
  sessionTimeoutMs?: number;
  logger?: Logger;
}

/** What the trainer is doing, for /healthz and metrics. */
export interface TrainerStatus {
  /** `fenced`: stopped because a trainer with a newer epoch took over (see EpochWatch). */
  state: 'starting' | 'standby' | 'restoring' | 'running' | 'stopping' | 'stopped' | 'fenced';
  /** Fencing epoch this trainer publishes under, once active. */
  epoch: number | null;
  eventsTrained: number;
  batchesTrained: number;
  badRecords: number;
  snapshotVersion: string | null;
  leafEncodingVersion: string | null;
  checkpoints: number;
  rollingAuc: number | null;
  rollingLogLoss: number | null;
}

const eventCodec = codecFor('InteractionEvent');

/**
 * The online trainer as a process part: waits for the lease (one active trainer per group,
 * the others stand by), restores the newest checkpoint (models topic, else local folder) or
 * cold-starts, loads the profile topics, then trains on `interactions` in order, one
 * mini-batch at a time, checkpointing every N batches or T ms to the `models` topic and the
 * local folder and committing the checkpoint's offsets to the group. `stop()` finishes the
 * batch at hand, checkpoints, commits and disconnects.
 *
 * Exactly-once training: offsets are committed only as part of a checkpoint, after it is
 * published, so the group's offsets never run ahead of a checkpoint; records below the
 * checkpoint's offsets (read again after a crash between publish and commit) are skipped.
 */
export class TrainerRuntime {
  private trainer: OnlineTrainer | null = null;
  private readonly store: ProfileStore;
  private readonly behaviour: RecentBehaviour;
  private readonly input = new Subject<PositionedEvent>();
  private readonly log: Logger;
  private readonly folder: CheckpointFolder | null;
  private lease: Lease | null = null;
  private profiles: TopicFollower | null = null;
  private consumer: Consumer | null = null;
  private producer: Producer | null = null;
  private badRecords: BadRecords | null = null;
  private pipeline: Subscription | null = null;
  private pipelineDone: Promise<void> = Promise.resolve();
  private inFlightBatches = 0;
  /** Next offset per partition already handed to the pipeline (re-deliveries are skipped). */
  private readonly fed = new Map<string, bigint>();
  private drainWaiters: (() => void)[] = [];
  private batchesSinceCheckpoint = 0;
  private lastCheckpointMs = Date.now();
  private published: ChunkId[][] = [];
  private checkpointChain: Promise<void> = Promise.resolve();
  private idleTimer: NodeJS.Timeout | null = null;
  private readonly trainerId = randomUUID();
  private epochs: EpochWatch | null = null;
  private writer: Writer | null = null;
  private endedAs: (state: 'stopped' | 'fenced') => void = () => undefined;
  /** Resolves with the final state once the trainer stopped: asked to, or fenced. */
  readonly ended = new Promise<'stopped' | 'fenced'>((resolve) => (this.endedAs = resolve));
  private readonly current: TrainerStatus = {
    state: 'starting',
    epoch: null,
    eventsTrained: 0,
    batchesTrained: 0,
    badRecords: 0,
    snapshotVersion: null,
    leafEncodingVersion: null,
    checkpoints: 0,
    rollingAuc: null,
    rollingLogLoss: null,
  };

  constructor(private readonly options: TrainerRuntimeOptions) {
    this.log = (options.logger ?? silentLogger).child({ component: 'trainer' });
    this.store = new ProfileStore(options.state?.profiles);
    this.behaviour = new RecentBehaviour({ coOccurrence: false, ...options.state?.behaviour });
    this.folder = options.checkpointDirectory
      ? new CheckpointFolder({
          directory: options.checkpointDirectory,
          keep: options.keepCheckpoints ?? 3,
        })
      : null;
  }

  status(): TrainerStatus {
    return { ...this.current };
  }

  /** Resolves once this trainer is active and consuming (after a standby wait if another is). */
  async start(): Promise<void> {
    const { kafka, topics } = this.options;
    this.current.state = 'standby';
    this.log.info({ groupId: this.options.groupId }, 'waiting for the trainer lease');
    this.lease = await requestLease({
      kafka,
      topic: topics.models,
      groupId: `${this.options.groupId}.lease`,
      sessionTimeoutMs: this.options.sessionTimeoutMs ?? 10_000,
      logger: this.log,
    });
    try {
      await this.lease.held;
    } catch {
      return; // stopped while standing by
    }

    this.current.state = 'restoring';
    this.epochs = new EpochWatch({
      kafka,
      topic: topics.models,
      modelId: this.options.trainer?.modelId ?? 'tmrm',
      logger: this.log,
      onOutranked: (newer) => void this.stepDown(newer),
    });
    await this.epochs.start();
    const restored = await this.restore();
    this.trainer = restored.trainer;
    this.writer = this.epochs.claim(this.trainerId, restored.epoch);
    this.current.epoch = this.writer.epoch;
    this.producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await this.producer.connect();
    this.badRecords = new BadRecords({
      producer: this.producer,
      topic: topics.deadLetters,
      logger: this.log,
    });
    // A warm start publishes at once under the new epoch, so a predecessor that is only paused
    // (not dead) finds itself outranked before it can publish again.
    if (this.trainer.ready) await this.checkpoint();
    this.profiles = await followProfiles({
      kafka,
      store: this.store,
      userTopic: topics.userProfiles,
      itemTopic: topics.itemProfiles,
      purpose: 'trainer-profiles',
      logger: this.log,
    });
    await this.profiles.caughtUp;
    this.log.info(this.store.stats(), 'profiles loaded');

    this.startPipeline(this.trainer);
    await this.startConsumer(this.trainer);
    // A quiet stream still gets its last batches checkpointed, within checkpointEveryMs.
    const everyMs = this.options.checkpointEveryMs ?? 30_000;
    this.idleTimer = setInterval(
      () => {
        const idle = this.inFlightBatches === 0 && Date.now() - this.lastCheckpointMs >= everyMs;
        if (idle && this.batchesSinceCheckpoint > 0) void this.checkpoint();
      },
      Math.min(everyMs, 1_000),
    );
    if (this.current.state !== 'restoring') return; // fenced or stopped meanwhile
    this.current.state = 'running';
    this.log.info(
      {
        epoch: this.writer.epoch,
        eventsTrained: this.trainer.eventsTrained,
        offsets: this.trainer.offsets(),
      },
      'trainer running',
    );
  }

  /** Graceful stop: finish the batch at hand, checkpoint, commit, disconnect. */
  async stop(): Promise<void> {
    const { state } = this.current;
    if (state === 'stopped' || state === 'stopping' || state === 'fenced') return;
    this.current.state = 'stopping';
    this.log.info({}, 'trainer stopping');
    await this.shutdown(state === 'running');
    this.current.state = 'stopped';
    this.log.info({ eventsTrained: this.current.eventsTrained }, 'trainer stopped');
    this.endedAs('stopped');
  }

  /**
   * Steps down after a trainer with a newer epoch published: trains and publishes nothing
   * more, commits nothing, leaves the groups. What it trained since its last checkpoint is
   * lost on purpose; its successor reads those events again from that checkpoint's offsets.
   */
  private async stepDown(newer: Writer): Promise<void> {
    const { state } = this.current;
    if (state === 'stopped' || state === 'stopping' || state === 'fenced') return;
    this.current.state = 'fenced';
    this.log.warn({ mine: this.writer, newer }, 'fenced by a newer trainer: stepping down');
    await this.shutdown(false);
    this.endedAs('fenced');
  }

  private async shutdown(finalCheckpoint: boolean): Promise<void> {
    if (this.idleTimer) clearInterval(this.idleTimer);
    // Pausing (not stopping) keeps the group membership, so the final offsets can be committed.
    this.consumer?.pause([{ topic: this.options.topics.interactions }]);
    this.input.complete();
    await this.pipelineDone;
    await this.checkpointChain;
    if (finalCheckpoint && this.trainer?.ready && this.batchesSinceCheckpoint > 0)
      await this.checkpoint();
    await Promise.allSettled([
      this.consumer?.disconnect(),
      this.profiles?.stop(),
      this.producer?.disconnect(),
      this.lease?.release(),
      this.epochs?.stop(),
    ]);
    this.pipeline?.unsubscribe();
  }

  /** The newest checkpoint (topic or folder) with its counters, or a cold-start trainer. */
  private async restore(): Promise<{ trainer: OnlineTrainer; epoch: number }> {
    const options = { ...this.options.trainer, logger: this.options.logger };
    const modelId = options.modelId ?? 'tmrm';
    const candidates = await checkpointsNewestFirst({
      kafka: this.options.kafka,
      topic: this.options.topics.models,
      modelId,
      folder: this.folder,
      logger: this.log,
    });
    const restored = this.restoreFirstLoadable(candidates, options);
    if (!restored) {
      this.log.info({ modelId, unloadable: candidates.length }, 'no checkpoint: cold start');
      return { trainer: new OnlineTrainer(options), epoch: 0 };
    }
    const { trainer, checkpoint: newest } = restored;
    if (newest.behaviour) this.behaviour.importState(newest.behaviour);
    this.current.snapshotVersion = newest.header.snapshotVersion;
    this.current.eventsTrained = trainer.eventsTrained;
    this.log.info(
      {
        snapshotVersion: newest.header.snapshotVersion,
        eventsTrained: trainer.eventsTrained,
        offsets: newest.header.offsets,
        behaviourUsers: newest.behaviour?.users.length ?? 0,
      },
      'warm start from checkpoint',
    );
    return { trainer, epoch: newest.header.epoch };
  }

  /** The newest checkpoint whose model loads; a damaged one is logged and passed over. */
  private restoreFirstLoadable(
    candidates: Checkpoint[],
    options: OnlineTrainerOptions,
  ): { trainer: OnlineTrainer; checkpoint: Checkpoint } | null {
    for (const checkpoint of candidates) {
      try {
        return { trainer: OnlineTrainer.restore(checkpoint, options), checkpoint };
      } catch (error) {
        this.log.warn(
          { snapshotVersion: checkpoint.header.snapshotVersion, err: error },
          'checkpoint does not load; trying an older one',
        );
      }
    }
    return null;
  }

  private startPipeline(trainer: OnlineTrainer): void {
    const negatives = this.options.negativesPerPositive ?? 0;
    let done: () => void = () => undefined;
    this.pipelineDone = new Promise((resolve) => (done = resolve));
    const labelled = this.input.pipe(labelEvents(this.options.labelPolicy));
    const withNegatives =
      negatives > 0
        ? labelled.pipe(
            sampleNegatives({ behaviour: this.behaviour, negativesPerPositive: negatives }),
          )
        : labelled;
    this.pipeline = withNegatives
      .pipe(
        joinProfiles({ store: this.store }),
        miniBatch({
          maxSize: this.options.batchSize ?? 256,
          maxWaitMs: this.options.batchWaitMs ?? 500,
        }),
        tap(() => (this.inFlightBatches += 1)),
        // Featurized batch by batch right before training, in one step with it: the
        // recent-behaviour counters then never run ahead of the model, so a checkpoint holds
        // both as of the same offsets. (sampleNegatives reads them a batch or so behind.)
        concatMap(async (joined) => {
          const batch = joined.map((event) => featurizeEvent(event, this.behaviour));
          const report = await trainer.train(batch);
          await this.afterBatch(trainer, report);
          return report;
        }),
      )
      .subscribe({
        error: (error: unknown) => {
          this.log.error({ err: error }, 'training pipeline failed');
          done();
        },
        complete: () => done(),
      });
  }

  private async afterBatch(trainer: OnlineTrainer, report: TrainReport): Promise<void> {
    this.inFlightBatches -= 1;
    Object.assign(this.current, {
      eventsTrained: trainer.eventsTrained,
      batchesTrained: trainer.batchesTrained,
      leafEncodingVersion: trainer.leafEncodingVersion,
      rollingAuc: report.metrics.auc,
      rollingLogLoss: Number.isFinite(report.metrics.logLoss) ? report.metrics.logLoss : null,
    });
    this.log.debug(
      {
        phase: report.phase,
        samples: report.samplesTrained,
        loss: report.loss,
        auc: report.metrics.auc,
      },
      'batch trained',
    );
    if (report.refreshed)
      this.log.info({ leafEncodingVersion: report.refreshed }, 'leaf encoding version');
    if (report.phase === 'online') this.batchesSinceCheckpoint += 1;
    const everyBatches = this.options.checkpointEveryBatches ?? 20;
    const everyMs = this.options.checkpointEveryMs ?? 30_000;
    const due =
      trainer.ready &&
      this.batchesSinceCheckpoint > 0 &&
      (this.batchesSinceCheckpoint >= everyBatches ||
        Date.now() - this.lastCheckpointMs >= everyMs);
    if (due) await this.checkpoint();
    if (this.inFlightBatches === 0) for (const wake of this.drainWaiters.splice(0)) wake();
  }

  /** Publishes a checkpoint, saves it locally, retires old ones and commits its offsets. */
  private checkpoint(): Promise<void> {
    const run = async () => {
      const trainer = this.trainer;
      const producer = this.producer;
      if (!trainer?.ready || !producer || !this.writer || this.current.state === 'fenced') return;
      const newer = await this.epochs?.outranked();
      if (newer) {
        void this.stepDown(newer);
        return;
      }
      // Taken together, with no await between: the counters describe the same events.
      const checkpoint = trainer.checkpoint({
        ...this.writer,
        behaviour: this.behaviour.exportState({
          maxUsers: this.options.checkpointUsers ?? 20_000,
        }),
      });
      const { header } = checkpoint;
      const bytes = encodeCheckpoint(checkpoint);
      const keep = this.options.keepCheckpoints ?? 3;
      const retire =
        this.published.length >= keep
          ? this.published.splice(0, this.published.length - keep + 1).flat()
          : [];
      const sent = await publishSnapshot({
        producer,
        topic: this.options.topics.models,
        modelId: header.modelId,
        version: header.snapshotVersion,
        bytes,
        retire,
      });
      this.published.push(sent);
      await this.folder?.save(header.sequence, bytes);
      await this.commit(header.offsets);
      this.batchesSinceCheckpoint = 0;
      this.lastCheckpointMs = Date.now();
      this.current.checkpoints += 1;
      this.current.snapshotVersion = header.snapshotVersion;
      this.log.info(
        {
          snapshotVersion: header.snapshotVersion,
          bytes: bytes.length,
          eventsTrained: header.eventsTrained,
          auc: header.metrics.auc,
        },
        'checkpoint published',
      );
    };
    const guarded = () =>
      run().catch((error: unknown) => {
        // The next checkpoint tries again; the previous one still holds a consistent state.
        this.log.error({ err: error }, 'checkpoint failed');
      });
    this.checkpointChain = this.checkpointChain.then(guarded);
    return this.checkpointChain;
  }

  private async commit(offsets: Record<string, string>): Promise<void> {
    if (!this.consumer) return;
    const list = Object.entries(offsets).map(([key, offset]) => {
      const cut = key.lastIndexOf('/');
      return { topic: key.slice(0, cut), partition: Number(key.slice(cut + 1)), offset };
    });
    try {
      await this.consumer.commitOffsets(list);
    } catch (error) {
      // The checkpoint holds the offsets that matter; the group's are for monitoring tools.
      this.log.warn({ err: error }, 'offset commit failed; the checkpoint still holds them');
    }
  }

  /** Resolves true once no mini-batch is in training, or false after `timeoutMs`. */
  private drained(timeoutMs: number): Promise<boolean> {
    if (this.inFlightBatches === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.drainWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  private async startConsumer(trainer: OnlineTrainer): Promise<void> {
    const consumer = this.options.kafka.consumer({
      groupId: this.options.groupId,
      sessionTimeout: this.options.sessionTimeoutMs ?? 10_000,
      heartbeatInterval: 1_000,
      maxWaitTimeInMs: 250,
    });
    this.consumer = consumer;
    await runConsumer(consumer, {
      topics: [this.options.topics.interactions],
      fromBeginning: true,
      purpose: 'trainer-interactions',
      stopping: () => ['stopping', 'stopped', 'fenced'].includes(this.current.state),
      logger: this.log,
      run: {
        autoCommit: false,
        eachBatchAutoResolve: false,
        eachBatch: async ({ batch, heartbeat, isRunning, isStale }) => {
          for (const message of batch.messages) {
            const leaving = this.current.state === 'stopping' || this.current.state === 'fenced';
            if (!isRunning() || isStale() || leaving) break;
            const source = {
              topic: batch.topic,
              partition: batch.partition,
              offset: message.offset,
            };
            if (trainer.alreadyTrained(source)) continue;
            const key = `${batch.topic}/${batch.partition}`;
            const offset = BigInt(message.offset);
            if (offset < (this.fed.get(key) ?? -1n)) continue;
            let event: InteractionEvent;
            try {
              event = eventCodec.decode(message.value ?? Buffer.alloc(0));
            } catch (error) {
              // Truncated bytes, an unknown schema, NaN features: to the dead-letter topic.
              const running = () => isRunning() && this.current.state !== 'stopping';
              if (!(await this.badRecords?.send(batch, message, error, running))) break;
              this.current.badRecords += 1;
              this.fed.set(key, offset + 1n);
              continue;
            }
            this.fed.set(key, offset + 1n);
            this.input.next({ event, source });
          }
          // kafkajs heartbeats only between batches or when asked: keep asking while the
          // pipeline trains, or a long cold start would cost the group membership.
          while (!(await this.drained(1_000))) await heartbeat();
          await heartbeat();
        },
      },
    });
  }
}
