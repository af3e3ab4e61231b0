import type { Logger } from '@tmrm/common';
import {
  appMetrics,
  prepareApp,
  ScorerRuntime,
  startStatusServer,
  untilSignal,
} from '@tmrm/streaming';
import type { ScorerConfig } from './scorer-config';

/** Runs the scorer until SIGTERM or SIGINT, serving /healthz and /metrics. */
export async function runScorer(config: ScorerConfig, log: Logger): Promise<void> {
  const { kafka, topic: name } = await prepareApp({ topicPrefix: config.topicPrefix, logger: log });

  const runtime = new ScorerRuntime({
    kafka,
    groupId: config.groupId,
    modelId: config.modelId,
    maxCandidates: config.maxCandidates,
    pathsPerItem: config.pathsPerItem,
    maxK: config.maxK,
    maxRequestCandidates: config.maxRequestCandidates,
    maxRequestBytes: config.maxRequestBytes,
    sessionTimeoutMs: config.sessionTimeoutMs,
    refreshOnInteraction: config.refreshOnInteraction,
    refreshK: config.refreshK,
    logger: log,
    topics: {
      requests: name('recommendation-requests'),
      recommendations: name('recommendations'),
      models: name('models'),
      interactions: name('interactions'),
      userProfiles: name('user-profiles'),
      itemProfiles: name('item-profiles'),
      deadLetters: name('dead-letters'),
    },
  });

  const { registry, gauge } = appMetrics('scorer');
  // The latency windows are sorted again only when a request has been answered since the last
  // sort, so the gauges and health checks of one scrape share one sort and never read stale
  // quantiles.
  let latency = { answered: -1, value: runtime.latency() };
  const recentLatency = () => {
    const answered = runtime.status().requests;
    if (answered !== latency.answered) latency = { answered, value: runtime.latency() };
    return latency.value;
  };
  gauge('requests', 'requests answered', () => runtime.status().requests);
  gauge(
    'refreshes',
    'refreshed recommendations emitted after interactions',
    () => runtime.status().refreshes,
  );
  gauge('errors', 'requests that failed to decode or to score', () => runtime.status().errors);
  gauge('models_loaded', 'snapshots loaded and swapped in', () => runtime.status().modelsLoaded);
  gauge(
    'snapshots_rejected',
    'corrupt or unloadable snapshots',
    () => runtime.status().snapshotsRejected,
  );
  gauge(
    'latency_p50_ms',
    'median request latency over the last 10,000 requests, record in hand to reply acknowledged',
    () => recentLatency().replyP50Ms,
  );
  gauge('latency_p99_ms', '99th percentile request latency, same window', () => {
    return recentLatency().replyP99Ms;
  });
  gauge(
    'compute_p50_ms',
    'median in-process time per request (decode, rank, explain, encode), same window',
    () => recentLatency().computeP50Ms,
  );
  gauge('compute_p99_ms', '99th percentile in-process time per request, same window', () => {
    return recentLatency().computeP99Ms;
  });

  const status = await startStatusServer({
    host: config.host,
    port: config.port,
    registry,
    logger: log,
    health: () => {
      const s = runtime.status();
      return {
        ok: s.state === 'running',
        state: s.state,
        modelVersion: s.modelVersion,
        modelsLoaded: s.modelsLoaded,
        snapshotsRejected: s.snapshotsRejected,
        requests: s.requests,
        errors: s.errors,
        latencyP50Ms: recentLatency().replyP50Ms,
        latencyP99Ms: recentLatency().replyP99Ms,
        computeP50Ms: recentLatency().computeP50Ms,
        computeP99Ms: recentLatency().computeP99Ms,
      };
    },
  });
  const stopped = untilSignal(log, () => runtime.stop());
  await runtime.start();
  await stopped;
  await status.close();
}
