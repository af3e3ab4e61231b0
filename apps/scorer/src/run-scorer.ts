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
  const percentile = (q: number) => {
    const sorted = runtime.status().recentLatenciesMs.sort((a, b) => a - b);
    return sorted.length === 0
      ? null
      : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
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
  gauge('latency_p50_ms', 'median request latency over the last 10,000 requests', () =>
    percentile(0.5),
  );
  gauge('latency_p99_ms', '99th percentile request latency, same window', () => percentile(0.99));

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
        latencyP50Ms: percentile(0.5),
        latencyP99Ms: percentile(0.99),
      };
    },
  });
  const stopped = untilSignal(log, () => runtime.stop());
  await runtime.start();
  await stopped;
  await status.close();
}
