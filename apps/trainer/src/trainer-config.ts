import { ConfigError } from '@tmrm/common';
import { OptionReader, parseAppFlags, type RefreshMode } from '@tmrm/streaming';

/** Everything the trainer process is configured with; see {@link readTrainerConfig}. */
export interface TrainerConfig {
  groupId: string;
  modelId: string;
  topicPrefix: string | undefined;
  checkpointDirectory: string;
  keepCheckpoints: number;
  checkpointEveryBatches: number;
  checkpointEveryMs: number;
  checkpointUsers: number;
  batchSize: number;
  batchWaitMs: number;
  coldStartSamples: number;
  windowSamples: number;
  refreshEveryEvents: number;
  refreshEveryMs: number;
  refreshMode: RefreshMode;
  negativesPerPositive: number;
  maxProfiles: number;
  maxHistoryUsers: number;
  idVocabulary: number;
  trees: number;
  maxDepth: number;
  host: string;
  port: number;
  sessionTimeoutMs: number;
}

/** Flags, their environment variables and defaults (also the `--help` text). */
export const TRAINER_USAGE = `usage: tmrm-trainer [options]   (each option also reads the variable shown)
  --group ID                   TMRM_TRAINER_GROUP          consumer group; standbys share it (tmrm-trainer)
  --model-id ID                TMRM_MODEL_ID               model name in snapshots (tmrm)
  --checkpoint-dir DIR         TMRM_CHECKPOINT_DIR         local checkpoints (.tmrm/checkpoints)
  --keep-checkpoints N         TMRM_KEEP_CHECKPOINTS       kept locally and on the models topic (3)
  --checkpoint-every-batches N TMRM_CHECKPOINT_EVERY_BATCHES (20)
  --checkpoint-every-ms MS     TMRM_CHECKPOINT_EVERY_MS    (30000)
  --checkpoint-users N         TMRM_CHECKPOINT_USERS       users' recent counters kept (20000)
  --batch-size N               TMRM_BATCH_SIZE             mini-batch size (256)
  --batch-wait-ms MS           TMRM_BATCH_WAIT_MS          longest wait for a batch (500)
  --cold-start-samples N       TMRM_COLD_START_SAMPLES     window of the first GBDT (2000)
  --window-samples N           TMRM_WINDOW_SAMPLES         recent window for refreshes (20000)
  --refresh-every-events N     TMRM_REFRESH_EVERY_EVENTS   0 = never by count (0)
  --refresh-every-ms MS        TMRM_REFRESH_EVERY_MS       0 = never by time (0)
  --refresh-mode MODE          TMRM_REFRESH_MODE           rebuild | continue | refit (rebuild)
  --negatives N                TMRM_NEGATIVES              sampled negatives per positive (0)
  --max-profiles N             TMRM_MAX_PROFILES           user and item profiles held, each; LRU (100000)
  --max-history-users N        TMRM_MAX_HISTORY_USERS      users whose recent history is kept; LRU (100000)
  --id-vocabulary N            TMRM_ID_VOCABULARY          user and item ids with an embedding row of their own;
                                                           later ids share 1000 hashed rows (10000)
  --trees N                    TMRM_TREES                  GBDT trees (30)
  --depth N                    TMRM_DEPTH                  GBDT depth (3)
  --host HOST                  TMRM_TRAINER_HOST           /healthz and /metrics address (127.0.0.1)
  --port N                     TMRM_TRAINER_PORT           0 picks a free port (9464)
  --session-timeout-ms MS      TMRM_SESSION_TIMEOUT_MS     how fast a dead trainer is noticed (10000)
Broker and topics: KAFKA_BROKERS etc. and TMRM_TOPIC_PREFIX, as for every tmrm command.`;

const flagNames = [
  'group',
  'model-id',
  'checkpoint-dir',
  'keep-checkpoints',
  'checkpoint-every-batches',
  'checkpoint-every-ms',
  'checkpoint-users',
  'batch-size',
  'batch-wait-ms',
  'cold-start-samples',
  'window-samples',
  'refresh-every-events',
  'refresh-every-ms',
  'refresh-mode',
  'negatives',
  'max-profiles',
  'max-history-users',
  'id-vocabulary',
  'trees',
  'depth',
  'host',
  'port',
  'session-timeout-ms',
];

/** Reads and checks the configuration; a ConfigError names the flag, variable, value and rule. */
export function readTrainerConfig(argv: string[], env: NodeJS.ProcessEnv): TrainerConfig | 'help' {
  const flags = parseAppFlags(argv, flagNames);
  if (flags === 'help') return 'help';
  const o = new OptionReader(flags.values, env);
  const config: TrainerConfig = {
    groupId: o.string('group', 'TMRM_TRAINER_GROUP', 'tmrm-trainer'),
    modelId: o.string('model-id', 'TMRM_MODEL_ID', 'tmrm'),
    topicPrefix: env.TMRM_TOPIC_PREFIX,
    checkpointDirectory: o.string('checkpoint-dir', 'TMRM_CHECKPOINT_DIR', '.tmrm/checkpoints'),
    keepCheckpoints: o.integer('keep-checkpoints', 'TMRM_KEEP_CHECKPOINTS', 3, 1, 100),
    checkpointEveryBatches: o.integer(
      'checkpoint-every-batches',
      'TMRM_CHECKPOINT_EVERY_BATCHES',
      20,
      1,
    ),
    checkpointEveryMs: o.integer('checkpoint-every-ms', 'TMRM_CHECKPOINT_EVERY_MS', 30_000, 100),
    checkpointUsers: o.integer('checkpoint-users', 'TMRM_CHECKPOINT_USERS', 20_000, 0, 10_000_000),
    batchSize: o.integer('batch-size', 'TMRM_BATCH_SIZE', 256, 1, 100_000),
    batchWaitMs: o.integer('batch-wait-ms', 'TMRM_BATCH_WAIT_MS', 500, 1),
    coldStartSamples: o.integer('cold-start-samples', 'TMRM_COLD_START_SAMPLES', 2_000, 2),
    windowSamples: o.integer('window-samples', 'TMRM_WINDOW_SAMPLES', 20_000, 2),
    refreshEveryEvents: o.integer('refresh-every-events', 'TMRM_REFRESH_EVERY_EVENTS', 0, 0),
    refreshEveryMs: o.integer('refresh-every-ms', 'TMRM_REFRESH_EVERY_MS', 0, 0),
    refreshMode: o.choice('refresh-mode', 'TMRM_REFRESH_MODE', 'rebuild', [
      'rebuild',
      'continue',
      'refit',
    ] as const),
    negativesPerPositive: o.integer('negatives', 'TMRM_NEGATIVES', 0, 0, 100),
    maxProfiles: o.integer('max-profiles', 'TMRM_MAX_PROFILES', 100_000, 1, 100_000_000),
    maxHistoryUsers: o.integer(
      'max-history-users',
      'TMRM_MAX_HISTORY_USERS',
      100_000,
      1,
      100_000_000,
    ),
    idVocabulary: o.integer('id-vocabulary', 'TMRM_ID_VOCABULARY', 10_000, 0, 10_000_000),
    trees: o.integer('trees', 'TMRM_TREES', 30, 1, 1_000),
    maxDepth: o.integer('depth', 'TMRM_DEPTH', 3, 1, 12),
    host: o.string('host', 'TMRM_TRAINER_HOST', '127.0.0.1'),
    port: o.integer('port', 'TMRM_TRAINER_PORT', 9464, 0, 65_535),
    sessionTimeoutMs: o.integer(
      'session-timeout-ms',
      'TMRM_SESSION_TIMEOUT_MS',
      10_000,
      3_000,
      300_000,
    ),
  };
  if (config.windowSamples < config.coldStartSamples) {
    throw new ConfigError(
      '--window-samples (TMRM_WINDOW_SAMPLES)',
      config.windowSamples,
      `must be at least --cold-start-samples (${config.coldStartSamples})`,
    );
  }
  return config;
}
