import type { Consumer, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { silentLogger, TmrmError, type Logger } from '@tmrm/common';
import {
  codecFor,
  type InteractionEvent,
  type Recommendation,
  type RecommendationRequest,
} from '@tmrm/schemas';
import { generateCandidates } from '../generate-candidates';
import { compareCheckpoints } from '../checkpoint';
import { buildSample } from '../featurize';
import { labelFunction, DEFAULT_LABEL_POLICY } from '../label-events';
import { LatencyWindow } from '../latency-window';
import { ProfileStore } from '../profile-store';
import { RecentBehaviour } from '../recent-behaviour';
import { ScoringModel } from '../scoring-model';
import { SnapshotAssembler } from '../snapshot-chunks';
import { BadRecords } from './bad-records';
import { followProfiles } from './follow-profiles';
import { followTopics, type TopicFollower } from './follow-topics';
import { decodeChunk } from './models-topic';
import { OffsetWatermarks } from './offset-watermarks';
import { runConsumer } from './run-consumer';

/** Longest wait for the follower to record an interaction before refreshing anyway. */
const RECORD_WAIT_MS = 2_000;

/** Topic names the scorer reads and writes. */
export interface ScorerTopics {
  requests: string;
  recommendations: string;
  models: string;
  interactions: string;
  userProfiles: string;
  itemProfiles: string;
  /** Where requests that cannot be read go; none: counted and logged. */
  deadLetters?: string;
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
  /** Largest k served; a larger one gets an error reply. Default 100. */
  maxK?: number;
  /** Most candidates a request may bring; more get an error reply. Default 1,000. */
  maxRequestCandidates?: number;
  /** Largest request record, bytes; a larger one is dead-lettered unread. Default 1 MiB. */
  maxRequestBytes?: number;
  sessionTimeoutMs?: number;
  /**
   * Also answer every interaction with refreshed recommendations for its user (requestId
   * `refresh/<eventId>`, the event's context); default false. The instances share this work
   * through the consumer group `<groupId>.refresh` on the interactions, so each interaction is
   * answered once however many scorers run.
   */
  refreshOnInteraction?: boolean;
  /** Items in a refreshed recommendation; default 10. */
  refreshK?: number;
  logger?: Logger;
}

/** What the scorer is doing, for /healthz and metrics. */
export interface ScorerStatus {
  state: 'starting' | 'running' | 'stopping' | 'stopped';
  modelVersion: string | null;
  modelsLoaded: number;
  snapshotsRejected: number;
  requests: number;
  /** Refreshed recommendations emitted after interactions. */
  refreshes: number;
  errors: number;
}

/** Quantiles (ms) over the last 10,000 requests, for /healthz and metrics; null before any. */
export interface ScorerLatency {
  requests: number;
  /** From the request's record in hand to its reply acknowledged by the broker. */
  replyP50Ms: number | null;
  replyP99Ms: number | null;
  /** The in-process part alone: decode, candidates, features, ranking, explanations, encode. */
  computeP50Ms: number | null;
  computeP99Ms: number | null;
}

// Requests are decoded without the schema's caps on k and candidates, so that an oversized but
// readable request gets an error reply naming this scorer's caps (maxK, maxRequestCandidates)
// instead of silence; `maxRequestBytes` bounds what decoding can allocate.
const requestCodec = codecFor('RecommendationRequest', {
  limits: { maxK: 2 ** 31 - 1, maxCandidates: Number.MAX_SAFE_INTEGER },
});
const recommendationCodec = codecFor('Recommendation');
const eventCodec = codecFor('InteractionEvent');

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
  private refreshConsumer: Consumer | null = null;
  private readonly interactionsRead = new OffsetWatermarks();
  private producer: Producer | null = null;
  private readonly replyLatencies = new LatencyWindow();
  private readonly computeLatencies = new LatencyWindow();
  private badRecords: BadRecords | null = null;
  private readonly log: Logger;
  private readonly current: ScorerStatus = {
    state: 'starting',
    modelVersion: null,
    modelsLoaded: 0,
    snapshotsRejected: 0,
    requests: 0,
    refreshes: 0,
    errors: 0,
  };

  constructor(private readonly options: ScorerRuntimeOptions) {
    this.log = (options.logger ?? silentLogger).child({ component: 'scorer' });
  }

  status(): ScorerStatus {
    return { ...this.current };
  }

  /** Latency quantiles of the recent requests (sorts the windows: call it once per scrape). */
  latency(): ScorerLatency {
    return {
      requests: this.replyLatencies.size,
      replyP50Ms: this.replyLatencies.quantile(0.5),
      replyP99Ms: this.replyLatencies.quantile(0.99),
      computeP50Ms: this.computeLatencies.quantile(0.5),
      computeP99Ms: this.computeLatencies.quantile(0.99),
    };
  }

  async start(): Promise<void> {
    const { kafka, topics } = this.options;
    this.producer = kafka.producer({ idempotent: true });
    await this.producer.connect();
    this.badRecords = new BadRecords({
      producer: this.producer,
      topic: topics.deadLetters,
      logger: this.log,
    });
    const models = await followTopics({
      kafka,
      topics: [topics.models],
      fromBeginning: true,
      purpose: 'scorer-models',
      logger: this.log,
      onMessage: (_topic, _partition, message) => this.onChunk(message.value),
    });
    const profiles = await followProfiles({
      kafka,
      store: this.store,
      userTopic: topics.userProfiles,
      itemTopic: topics.itemProfiles,
      purpose: 'scorer-profiles',
      logger: this.log,
    });
    const interactions = await followTopics({
      kafka,
      topics: [topics.interactions],
      fromBeginning: false,
      purpose: 'scorer-interactions',
      logger: this.log,
      onMessage: (_topic, partition, message) => {
        try {
          if (!message.value) return;
          const event = eventCodec.decode(message.value);
          const label = this.labelOf(event);
          this.behaviour.record(event.userId, event.itemId, label === 1);
        } finally {
          this.interactionsRead.advance(partition, message.offset);
        }
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
    await runConsumer(consumer, {
      topics: [topics.requests],
      fromBeginning: true,
      run: { eachMessage: async ({ partition, message }) => this.onRequest(partition, message) },
      purpose: 'scorer-requests',
      stopping: () => this.stopping(),
      logger: this.log,
    });
    if (this.options.refreshOnInteraction) await this.startRefresh();
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
      this.refreshConsumer?.disconnect(),
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
      return reply([], `k = ${request.k}: must be an integer in 1..${maxK} (the scorer's maxK)`);
    }
    const maxCandidates = this.options.maxRequestCandidates ?? 1_000;
    const given = request.candidateItemIds?.length ?? 0;
    if (given > maxCandidates) {
      return reply(
        [],
        `candidateItemIds has ${given} items: at most ${maxCandidates} are ranked per request ` +
          "(the scorer's maxRequestCandidates); split the request",
      );
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
    // Newer means a higher fencing epoch first, then sequence: a fenced trainer's late
    // snapshot never replaces its successor's.
    const older = this.model && compareCheckpoints(this.model.header, loaded.header) > 0;
    if (older) return;
    this.model = loaded; // the swap: one assignment, between two requests
    this.current.modelVersion = loaded.version;
    this.current.modelsLoaded += 1;
    this.log.info(
      { modelVersion: loaded.version, eventsTrained: loaded.header.eventsTrained },
      'model loaded',
    );
  }

  private async onRequest(partition: number, message: KafkaMessage): Promise<void> {
    const started = performance.now();
    const value = message.value ?? Buffer.alloc(0);
    const maxBytes = this.options.maxRequestBytes ?? 1_048_576;
    let request: RecommendationRequest;
    try {
      if (value.length > maxBytes) {
        throw new TmrmError(
          `request of ${value.length} bytes: at most ${maxBytes} are read ` +
            "(the scorer's maxRequestBytes); send fewer candidates",
        );
      }
      request = requestCodec.decode(value);
    } catch (error) {
      // Unreadable: no request id to answer, so the record goes to the dead-letter topic.
      this.current.errors += 1;
      const source = { topic: this.options.topics.requests, partition };
      const running = () => this.current.state !== 'stopping';
      if (!(await this.badRecords?.send(source, message, error, running)))
        throw new TmrmError('request not dead-lettered: the scorer is stopping', { cause: error });
      return;
    }
    await this.answer(request, started);
    this.current.requests += 1;
    this.replyLatencies.add(performance.now() - started);
  }

  /**
   * Ranks for the request and produces the Recommendation (an error reply if scoring fails);
   * with `skipEmpty`, a recommendation without items is not sent (refreshes nobody asked for).
   */
  private async answer(
    request: RecommendationRequest,
    started: number,
    options: { skipEmpty?: boolean } = {},
  ): Promise<void> {
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
    if (options.skipEmpty && recommendation.items.length === 0) {
      this.log.debug({ requestId: request.requestId, why: recommendation.error }, 'not sent');
      return;
    }
    const value = recommendationCodec.encode(recommendation);
    if (!options.skipEmpty) this.computeLatencies.add(performance.now() - started);
    await this.producer?.send({
      topic: this.options.topics.recommendations,
      messages: [{ key: request.userId, value }],
    });
    if (options.skipEmpty) this.current.refreshes += 1;
    this.log.debug(
      {
        requestId: request.requestId,
        modelVersion: recommendation.modelVersion,
        ms: performance.now() - started,
      },
      'request answered',
    );
  }

  /**
   * Refreshed recommendations after each interaction, shared among the instances by a consumer
   * group. The event is ranked for only once this instance's own follower has recorded it
   * (or after `RECORD_WAIT_MS`, if it never does), so the candidates already leave out the
   * item just consumed and the counters include it.
   */
  private async startRefresh(): Promise<void> {
    const consumer = this.options.kafka.consumer({
      groupId: `${this.options.groupId}.refresh`,
      sessionTimeout: this.options.sessionTimeoutMs ?? 10_000,
      heartbeatInterval: 1_000,
      maxWaitTimeInMs: 100,
    });
    this.refreshConsumer = consumer;
    await runConsumer(consumer, {
      topics: [this.options.topics.interactions],
      fromBeginning: false,
      purpose: 'scorer-refresh',
      stopping: () => this.stopping(),
      logger: this.log,
      run: {
        eachMessage: async ({ partition, message }) => {
          const started = performance.now();
          let event: InteractionEvent;
          try {
            event = eventCodec.decode(message.value ?? Buffer.alloc(0));
          } catch (error) {
            // The follower skips it too; nothing to refresh for a record that does not decode.
            this.log.debug({ partition, offset: message.offset, err: error }, 'refresh skipped');
            return;
          }
          await this.interactionsRead.reached(partition, message.offset, RECORD_WAIT_MS);
          // Nobody asked: a reply that could only say there is no model or no candidate yet
          // (the first interactions a scorer sees) is not sent.
          await this.answer(
            {
              requestId: `refresh/${event.eventId}`,
              userId: event.userId,
              k: this.options.refreshK ?? 10,
              candidateItemIds: null,
              context: event.context,
              requestedAtMs: Date.now(),
            },
            started,
            { skipEmpty: true },
          );
        },
      },
    });
  }

  private stopping(): boolean {
    return this.current.state === 'stopping' || this.current.state === 'stopped';
  }
}
