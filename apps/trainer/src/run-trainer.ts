import type { Logger } from '@tmrm/common';
import {
  appMetrics,
  prepareApp,
  startStatusServer,
  TrainerRuntime,
  untilSignal,
  type TrainerStatus,
} from '@tmrm/streaming';
import type { TrainerConfig } from './trainer-config';

/**
 * Runs the trainer until SIGTERM or SIGINT: creates missing topics, serves /healthz and
 * /metrics, waits for the lease, trains; on the signal it finishes the batch at hand,
 * checkpoints, commits and disconnects, then resolves.
 */
export async function runTrainer(config: TrainerConfig, log: Logger): Promise<void> {
  const { kafka, topic: name } = await prepareApp({ topicPrefix: config.topicPrefix, logger: log });

  const runtime = new TrainerRuntime({
    kafka,
    topics: {
      interactions: name('interactions'),
      userProfiles: name('user-profiles'),
      itemProfiles: name('item-profiles'),
      models: name('models'),
      deadLetters: name('dead-letters'),
    },
    groupId: config.groupId,
    checkpointDirectory: config.checkpointDirectory,
    keepCheckpoints: config.keepCheckpoints,
    checkpointEveryBatches: config.checkpointEveryBatches,
    checkpointEveryMs: config.checkpointEveryMs,
    checkpointUsers: config.checkpointUsers,
    batchSize: config.batchSize,
    batchWaitMs: config.batchWaitMs,
    negativesPerPositive: config.negativesPerPositive,
    state: {
      profiles: { maxUsers: config.maxProfiles, maxItems: config.maxProfiles },
      behaviour: { maxUsers: config.maxHistoryUsers },
    },
    sessionTimeoutMs: config.sessionTimeoutMs,
    logger: log,
    trainer: {
      idVocabulary: { cap: config.idVocabulary },
      modelId: config.modelId,
      coldStartSamples: config.coldStartSamples,
      windowSamples: config.windowSamples,
      refreshEveryEvents: config.refreshEveryEvents,
      refreshEveryMs: config.refreshEveryMs,
      refreshMode: config.refreshMode,
      gbdt: { trees: config.trees, maxDepth: config.maxDepth },
    },
  });

  const { registry, gauge: appGauge } = appMetrics('trainer');
  const gauge = (metric: string, help: string, read: (s: TrainerStatus) => number | null) =>
    appGauge(metric, help, () => read(runtime.status()));
  gauge('events_trained', 'interaction events trained on (each once)', (s) => s.eventsTrained);
  gauge('batches_trained', 'mini-batches trained on', (s) => s.batchesTrained);
  gauge('bad_records', 'interaction records that failed to decode, skipped', (s) => s.badRecords);
  gauge('checkpoints', 'checkpoints published by this process', (s) => s.checkpoints);
  gauge('rolling_auc', 'progressive-validation AUC over the recent window', (s) => s.rollingAuc);
  gauge(
    'rolling_logloss',
    'progressive-validation log-loss over the recent window',
    (s) => s.rollingLogLoss,
  );
  gauge('epoch', 'fencing epoch this trainer publishes under', (s) => s.epoch);
  gauge('active', '1 when this trainer holds the lease and trains', (s) =>
    s.state === 'running' ? 1 : 0,
  );

  const status = await startStatusServer({
    host: config.host,
    port: config.port,
    registry,
    logger: log,
    health: () => {
      const s = runtime.status();
      return { ok: s.state !== 'stopped' && s.state !== 'fenced', ...s };
    },
  });

  const stopped = untilSignal(log, () => runtime.stop());
  await runtime.start();
  // A fenced trainer (a newer one took over while this one was paused) ends by itself.
  const ended = await Promise.race([stopped.then(() => 'stopped'), runtime.ended]);
  if (ended === 'fenced') log.warn({}, 'trainer fenced by a newer one; exiting');
  await status.close();
}
