import type { Consumer, Kafka, Producer } from 'kafkajs';
import { silentLogger, type Logger } from '@tmrm/common';
import {
  codecFor,
  type ItemProfile,
  type Recommendation,
  type RecommendationRequest,
  type UserProfile,
} from '@tmrm/schemas';
import { generateCandidates } from '../generate-candidates';
import { buildSample } from '../featurize';
import { labelFunction, DEFAULT_LABEL_POLICY } from '../label-events';
import { ProfileStore } from '../profile-store';
import { RecentBehaviour } from '../recent-behaviour';
import { ScoringModel } from '../scoring-model';
import { SnapshotAssembler } from '../snapshot-chunks';
import { followTopics, type TopicFollower } from './follow-topics';
import { decodeChunk } from './models-topic';

/** Topic names the scorer reads and writes. */
export interface ScorerTopics {
  requests: string;
  recommendations: string;
  models: string;
  interactions: string;
  userProfiles: string;
  itemProfiles: string;
}

/** Options for {@link ScorerRuntime}. */
export interface ScorerRuntimeOptions {
  kafka: Kafka;
  topics: ScorerTopics;
  /** Consumer group on the request topic, shared by every scorer instance. */
  groupId: string;
  /** Serves snapshots of this model id; default `tmrm`. */
  modelId?: string;
  /** Candidates generated for a request without any; default 100. */
  maxCandidates?: number;
  /** Feature paths explained per recommended item; default 3. */
  pathsPerItem?: number;
  /** Largest k served; default 100. */
  maxK?: number;
  sessionTimeoutMs?: number;
  logger?: Logger;
}

/** What the scorer is doing, for /healthz and metrics. */
export interface ScorerStatus {
  state: 'starting' | 'running' | 'stopping' | 'stopped';
  modelVersion: string | null;
  modelsLoaded: number;
  snapshotsRejected: number;
  requests: number;
  errors: number;
  /** Latencies (ms) of the most recent requests, request decoded to reply produced. */
  recentLatenciesMs: number[];
}

const requestCodec = codecFor('RecommendationRequest');
const recommendationCodec = codecFor('Recommendation');
const eventCodec = codecFor('InteractionEvent');
const userCodec = codecFor('UserProfile');
const itemCodec = codecFor('ItemProfile');

/**
 * The scoring app's core: follows the `models` topic (assembling chunked snapshots, loading
 * each complete one in full before swapping it in with one assignment, so a request is served
 * by one model from start to end; a corrupt or partial snapshot is rejected and the current
 * model keeps serving), the profile topics and the interactions (for candidate generation),
 * and answers each request of its consumer group with a Recommendation keyed by user.
 */
export class ScorerRuntime {
  private model: ScoringModel | null = null;
  private readonly store = new ProfileStore();
  private readonly behaviour = new RecentBehaviour();
  private readonly assembler = new SnapshotAssembler();
  private readonly labelOf = labelFunction(DEFAULT_LABEL_POLICY);
  private readonly followers: TopicFollower[] = [];
  private consumer: Consumer | null = null;
  private producer: Producer | null = null;
  private readonly log: Logger;
  private readonly current: ScorerStatus = {
    state: 'starting',
    modelVersion: null,
    modelsLoaded: 0,
    snapshotsRejected: 0,
    requests: 0,
    errors: 0,
    recentLatenciesMs: [],
  };

  constructor(private readonly options: ScorerRuntimeOptions) {
    this.log = (options.logger ?? silentLogger).child({ component: 'scorer' });
  }

  status(): ScorerStatus {
    return { ...this.current, recentLatenciesMs: [...this.current.recentLatenciesMs] };
  }

  async start(): Promise<void> {
    const { kafka, topics } = this.options;
    this.producer = kafka.producer({ idempotent: true });
    await this.producer.connect();
    const models = await followTopics({
      kafka,
      topics: [topics.models],
      fromBeginning: true,
      purpose: 'scorer-models',
      logger: this.log,
      onMessage: (_topic, _partition, message) => this.onChunk(message.value),
    });
    const profiles = await followTopics({
      kafka,
      topics: [topics.userProfiles, topics.itemProfiles],
      fromBeginning: true,
      purpose: 'scorer-profiles',
      logger: this.log,
      onMessage: (topic, _partition, message) => this.onProfile(topic, message.key, message.value),
    });
    const interactions = await followTopics({
      kafka,
      topics: [topics.interactions],
      fromBeginning: false,
      purpose: 'scorer-interactions',
      logger: this.log,
      onMessage: (_topic, _partition, message) => {
        if (!message.value) return;
        const event = eventCodec.decode(message.value);
        const label = this.labelOf(event);
        this.behaviour.record(event.userId, event.itemId, label === 1);
      },
    });
    this.followers.push(models, profiles, interactions);
    await Promise.all([models.caughtUp, profiles.caughtUp]);

    const consumer = kafka.consumer({
      groupId: this.options.groupId,
      sessionTimeout: this.options.sessionTimeoutMs ?? 10_000,
      heartbeatInterval: 1_000,
      maxWaitTimeInMs: 100,
    });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topic: topics.requests, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) =>
        this.onRequest(partition, message.offset, message.value),
    });
    this.current.state = 'running';
    this.log.info(
      { modelVersion: this.current.modelVersion, groupId: this.options.groupId },
      'scorer running',
    );
  }

  async stop(): Promise<void> {
    if (this.current.state === 'stopped') return;
    this.current.state = 'stopping';
    await Promise.allSettled([
      this.consumer?.disconnect(),
      ...this.followers.map((follower) => follower.stop()),
    ]);
    await this.producer?.disconnect().catch(() => undefined);
    this.current.state = 'stopped';
    this.log.info({ requests: this.current.requests }, 'scorer stopped');
  }

  /** Ranks a request's candidates; pure apart from reading the current state. */
  recommend(request: RecommendationRequest): Recommendation {
    const model = this.model; // one model for the whole request, whatever arrives meanwhile
    const reply = (items: Recommendation['items'], error: string | null): Recommendation => ({
      requestId: request.requestId,
      userId: request.userId,
      modelVersion: model?.version ?? 'none',
      items,
      createdAtMs: Date.now(),
      error,
    });
    if (!model)
      return reply([], 'no model is available yet: the trainer has not published a snapshot');
    const maxK = this.options.maxK ?? 100;
    if (!Number.isInteger(request.k) || request.k < 1 || request.k > maxK) {
      return reply([], `k = ${request.k}: must be an integer in 1..${maxK}`);
    }
    const candidates =
      request.candidateItemIds ??
      generateCandidates({
        behaviour: this.behaviour,
        userId: request.userId,
        maxCandidates: this.options.maxCandidates ?? 100,
      });
    if (candidates.length === 0) return reply([], 'no candidates: no items are known yet');
    const user = this.store.user(request.userId);
    const samples = candidates.map((itemId) =>
      buildSample({
        userId: request.userId,
        itemId,
        user,
        item: this.store.item(itemId),
        context: request.context,
        behaviour: this.behaviour,
      }),
    );
    const ranked = model.rank(samples, request.k, this.options.pathsPerItem ?? 3);
    return reply(
      ranked.map(({ index, score, explanation }) => ({
        itemId: candidates[index],
        score,
        explanation,
      })),
      null,
    );
  }

  private onChunk(value: Buffer | null): void {
    const chunk = decodeChunk(value);
    const modelId = this.options.modelId ?? 'tmrm';
    if (!chunk || chunk.modelId !== modelId) return;
    let whole: { version: string; bytes: Buffer } | null;
    let loaded: ScoringModel;
    try {
      whole = this.assembler.add(chunk);
      if (!whole) return;
      loaded = ScoringModel.fromBytes(whole.bytes);
    } catch (error) {
      this.current.snapshotsRejected += 1;
      this.log.warn(
        { version: chunk.version, err: error },
        'snapshot rejected; the current model keeps serving',
      );
      return;
    }
    const older = this.model && this.model.header.sequence > loaded.header.sequence;
    if (older) return;
    this.model = loaded; // the swap: one assignment, between two requests
    this.current.modelVersion = loaded.version;
    this.current.modelsLoaded += 1;
    this.log.info(
      { modelVersion: loaded.version, eventsTrained: loaded.header.eventsTrained },
      'model loaded',
    );
  }

  private onProfile(topic: string, key: Buffer | null, value: Buffer | null): void {
    const isUser = topic === this.options.topics.userProfiles;
    const id = key?.toString('utf8') ?? '';
    if (value === null) {
      this.store.apply(
        isUser
          ? { kind: 'user', key: id, profile: null }
          : { kind: 'item', key: id, profile: null },
      );
    } else if (isUser) {
      const profile: UserProfile = userCodec.decode(value);
      this.store.apply({ kind: 'user', key: profile.userId, profile });
    } else {
      const profile: ItemProfile = itemCodec.decode(value);
      this.store.apply({ kind: 'item', key: profile.itemId, profile });
    }
  }

  private async onRequest(partition: number, offset: string, value: Buffer | null): Promise<void> {
    const started = performance.now();
    let request: RecommendationRequest;
    try {
      request = requestCodec.decode(value ?? Buffer.alloc(0));
    } catch (error) {
      this.current.errors += 1;
      this.log.warn({ partition, offset, err: error }, 'bad request skipped');
      return;
    }
    let recommendation: Recommendation;
    try {
      recommendation = this.recommend(request);
    } catch (error) {
      this.current.errors += 1;
      this.log.error({ requestId: request.requestId, err: error }, 'scoring failed');
      recommendation = {
        requestId: request.requestId,
        userId: request.userId,
        modelVersion: this.model?.version ?? 'none',
        items: [],
        createdAtMs: Date.now(),
        error: `scoring failed: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
    await this.producer?.send({
      topic: this.options.topics.recommendations,
      messages: [{ key: request.userId, value: recommendationCodec.encode(recommendation) }],
    });
    this.current.requests += 1;
    const latencies = this.current.recentLatenciesMs;
    latencies.push(performance.now() - started);
    if (latencies.length > 10_000) latencies.shift();
    this.log.debug(
      { requestId: request.requestId, modelVersion: recommendation.modelVersion },
      'request answered',
    );
  }
}
