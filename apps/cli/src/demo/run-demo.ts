import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { createKafka, ensureTopics, topicCatalogue } from '@tmrm/kafka';
import { codecFor, type Recommendation } from '@tmrm/schemas';
import {
  DEFAULT_LABEL_POLICY,
  labelFunction,
  publishEvents,
  publishProfiles,
} from '@tmrm/streaming';
import { freePort, health, startApp, stopApp, waitUntil } from './child-process';
import { loadDemoData, type DemoSource } from './demo-data';
import { formatRecommendation, quantile } from './format-recommendation';

/** Options of `tmrm demo`. */
export interface DemoOptions {
  /** The synthetic generator (the default) or a data set read by `openDataset`. */
  source: DemoSource;
  /** Sampled negatives per positive in the trainer, for positive-only data sets; default 0. */
  negatives?: number;
  requests: number;
  k: number;
  /** Logs of trainer and scorer at this level (default warn). */
  appLogLevel: string;
}

const requestCodec = codecFor('RecommendationRequest');
const recommendationCodec = codecFor('Recommendation');

/**
 * The main job end to end: topics under a fresh prefix, trainer and scorer as child
 * processes, a synthetic data set replayed (profiles, then events), requests sent once a
 * trained snapshot reaches the scorer, recommendations printed as they arrive, a summary, and
 * everything stopped and deleted. Returns the summary lines.
 */
export async function runDemo(options: DemoOptions, print: (line: string) => void): Promise<void> {
  const prefix = `tmrm-demo-${randomUUID().slice(0, 8)}.`;
  const specs = topicCatalogue({ prefix, interactionPartitions: 3 });
  const topic = (logical: string) => `${prefix}${logical}`;
  const kafka = createKafka();
  const admin = kafka.admin();
  const producer = kafka.producer({ idempotent: true });
  const reader = kafka.consumer({ groupId: `tmrm-demo-reader-${randomUUID()}` });
  const checkpoints = await mkdtemp(join(tmpdir(), 'tmrm-demo-'));
  const children: ChildProcess[] = [];
  try {
    await admin.connect();
    await ensureTopics(admin, specs);
    print(`topics created under the prefix ${prefix}`);

    const data = await loadDemoData(options.source);
    if (data.events.length === 0) throw new Error('the data set has no events to replay');
    await producer.connect();
    await publishProfiles({
      producer,
      dataset: { world: { userProfiles: data.users, itemProfiles: data.items } },
      userTopic: topic('user-profiles'),
      itemTopic: topic('item-profiles'),
    });

    const [trainerPort, scorerPort] = [await freePort(), await freePort()];
    const env = { TMRM_TOPIC_PREFIX: prefix, TMRM_LOG_LEVEL: options.appLogLevel };
    const eventCount = data.events.length;
    const coldStart = Math.min(2_000, Math.max(100, Math.floor(eventCount / 4)));
    children.push(
      startApp(
        'trainer',
        [
          '--port',
          String(trainerPort),
          '--checkpoint-dir',
          checkpoints,
          '--checkpoint-every-batches',
          '10',
          '--checkpoint-every-ms',
          '2000',
          '--cold-start-samples',
          String(coldStart),
          '--refresh-every-events',
          String(Math.max(1_000, Math.floor(eventCount / 2))),
          '--negatives',
          String(options.negatives ?? 0),
        ],
        env,
      ),
      startApp('scorer', ['--port', String(scorerPort)], env),
    );
    await waitUntil(
      'the trainer and the scorer to start',
      async () => {
        const [t, s] = [await health(trainerPort), await health(scorerPort)];
        return t?.state === 'running' && s?.state === 'running';
      },
      120_000,
    );
    print(
      `trainer (http://127.0.0.1:${trainerPort}/metrics) and scorer (http://127.0.0.1:${scorerPort}/metrics) are running`,
    );

    const started = Date.now();
    const produced = await publishEvents({
      producer,
      topic: topic('interactions'),
      events: data.events,
    });
    print(`replayed ${produced} events of ${data.description}`);
    // The trainer learns from events its label policy labels (a rating without a value, say,
    // carries no click signal and is dropped), so that is the count to wait for.
    const labelOf = labelFunction(DEFAULT_LABEL_POLICY);
    const trainable = data.events.filter((event) => labelOf(event) !== null).length;
    let trainer: Record<string, unknown> | null = null;
    await waitUntil(
      'the trainer to train every event',
      async () => {
        trainer = await health(trainerPort);
        return trainer?.eventsTrained === trainable;
      },
      600_000,
    );
    const finalVersion = () => (trainer as { snapshotVersion?: string } | null)?.snapshotVersion;
    await waitUntil(
      'the latest snapshot at the scorer',
      async () => {
        trainer = await health(trainerPort);
        const scorer = await health(scorerPort);
        return Boolean(finalVersion()) && scorer?.modelVersion === finalVersion();
      },
      60_000,
    );
    print(
      `trained in ${((Date.now() - started) / 1000).toFixed(1)} s; the scorer serves ${finalVersion()}`,
    );

    const replies = new Map<string, { recommendation: Recommendation; receivedAt: number }>();
    await reader.connect();
    await reader.subscribe({ topic: topic('recommendations'), fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) => {
        const recommendation = recommendationCodec.decode(message.value ?? Buffer.alloc(0));
        replies.set(recommendation.requestId, { recommendation, receivedAt: Date.now() });
      },
    });
    const sentAt = new Map<string, number>();
    const activeUsers = [...new Set(data.events.map((event) => event.userId))];
    for (let i = 0; i < options.requests; i++) {
      const userId = activeUsers[(i * 7919) % activeUsers.length];
      const requestId = `demo-${i}`;
      sentAt.set(requestId, Date.now());
      await producer.send({
        topic: topic('recommendation-requests'),
        messages: [
          {
            key: userId,
            value: requestCodec.encode({
              requestId,
              userId,
              k: options.k,
              candidateItemIds: null,
              context: data.requestContext(userId),
              requestedAtMs: Date.now(),
            }),
          },
        ],
      });
      await waitUntil(`the answer to ${requestId}`, async () => replies.has(requestId), 30_000);
      const reply = replies.get(requestId);
      if (reply)
        print(
          formatRecommendation(
            reply.recommendation,
            reply.receivedAt - (sentAt.get(requestId) ?? 0),
          ),
        );
    }

    const latencies = [...replies.entries()].map(
      ([id, reply]) => reply.receivedAt - (sentAt.get(id) ?? reply.receivedAt),
    );
    const versions = new Set(
      [...replies.values()].map((reply) => reply.recommendation.modelVersion),
    );
    trainer = await health(trainerPort);
    const scorer = (await health(scorerPort)) as {
      latencyP50Ms?: number;
      latencyP99Ms?: number;
    } | null;
    const t = trainer as {
      eventsTrained?: number;
      checkpoints?: number;
      rollingAuc?: number | null;
      leafEncodingVersion?: string;
    } | null;
    print('summary');
    const unlabelled = produced - trainable;
    print(
      `  events trained       ${t?.eventsTrained} of ${trainable}` +
        (unlabelled > 0 ? ` (${unlabelled} replayed events carry no click label)` : ''),
    );
    print(
      `  model versions       ${t?.checkpoints} snapshots published; answers came from ${[...versions].join(', ')}; GBDT ${t?.leafEncodingVersion}`,
    );
    print(
      `  rolling AUC          ${t?.rollingAuc?.toFixed(3) ?? 'n/a'} (progressive validation, last 5,000 samples)`,
    );
    const inScorer = (value: number | undefined) => value?.toFixed(1) ?? 'n/a';
    print(
      `  scoring latency      p50 ${inScorer(scorer?.latencyP50Ms)} ms, ` +
        `p99 ${inScorer(scorer?.latencyP99Ms)} ms in the scorer ` +
        '(candidates, scoring, explanations, produce)',
    );
    print(
      `  round trip           p50 ${quantile(latencies, 0.5).toFixed(0)} ms, ` +
        `p99 ${quantile(latencies, 0.99).toFixed(0)} ms (request sent to recommendation read, via Kafka)`,
    );
  } finally {
    await Promise.allSettled(children.map((child) => stopApp(child)));
    await Promise.allSettled([reader.disconnect(), producer.disconnect()]);
    await admin.deleteTopics({ topics: specs.map((spec) => spec.name) }).catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
    await rm(checkpoints, { recursive: true, force: true });
  }
}
