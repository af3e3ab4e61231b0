import { OptionReader, parseAppFlags } from '@tmrm/streaming';

/** Everything the scorer process is configured with; see {@link readScorerConfig}. */
export interface ScorerConfig {
  groupId: string;
  modelId: string;
  topicPrefix: string | undefined;
  maxCandidates: number;
  pathsPerItem: number;
  maxK: number;
  maxRequestCandidates: number;
  maxRequestBytes: number;
  host: string;
  port: number;
  sessionTimeoutMs: number;
  /** Emit refreshed recommendations for a user after each of their interactions. */
  refreshOnInteraction: boolean;
  refreshK: number;
}

export const SCORER_USAGE = `usage: tmrm-scorer [options]   (each option also reads the variable shown)
  --group ID              TMRM_SCORER_GROUP        request consumer group; instances share it (tmrm-scorer)
  --model-id ID           TMRM_MODEL_ID            serves snapshots of this model (tmrm)
  --max-candidates N      TMRM_MAX_CANDIDATES      generated for requests without any (100)
  --paths-per-item N      TMRM_PATHS_PER_ITEM      feature paths explained per item (3)
  --max-k N               TMRM_MAX_K               largest k served; larger gets an error reply (100)
  --max-request-candidates N TMRM_MAX_REQUEST_CANDIDATES  most candidates per request (1000)
  --max-request-bytes N   TMRM_MAX_REQUEST_BYTES   larger requests are dead-lettered (1048576)
  --host HOST             TMRM_SCORER_HOST         /healthz and /metrics address (127.0.0.1)
  --port N                TMRM_SCORER_PORT         0 picks a free port (9465)
  --session-timeout-ms MS TMRM_SESSION_TIMEOUT_MS  (10000)
  --refresh-on-interaction TMRM_REFRESH_ON_INTERACTION=true|false  also answer each interaction
                          with refreshed recommendations for its user, requestId refresh/<eventId> (false)
  --refresh-k N           TMRM_REFRESH_K           items per refreshed recommendation (10)
Broker and topics: KAFKA_BROKERS etc. and TMRM_TOPIC_PREFIX, as for every tmrm command.`;

const flagNames = [
  'group',
  'model-id',
  'max-candidates',
  'paths-per-item',
  'max-k',
  'max-request-candidates',
  'max-request-bytes',
  'host',
  'port',
  'session-timeout-ms',
  'refresh-k',
];

/** Reads and checks the configuration; a ConfigError names the flag, variable, value and rule. */
export function readScorerConfig(argv: string[], env: NodeJS.ProcessEnv): ScorerConfig | 'help' {
  const flags = parseAppFlags(argv, flagNames, ['refresh-on-interaction']);
  if (flags === 'help') return 'help';
  const o = new OptionReader(flags.values, env);
  return {
    groupId: o.string('group', 'TMRM_SCORER_GROUP', 'tmrm-scorer'),
    modelId: o.string('model-id', 'TMRM_MODEL_ID', 'tmrm'),
    topicPrefix: env.TMRM_TOPIC_PREFIX,
    maxCandidates: o.integer('max-candidates', 'TMRM_MAX_CANDIDATES', 100, 1, 10_000),
    pathsPerItem: o.integer('paths-per-item', 'TMRM_PATHS_PER_ITEM', 3, 1, 20),
    maxK: o.integer('max-k', 'TMRM_MAX_K', 100, 1, 10_000),
    maxRequestCandidates: o.integer(
      'max-request-candidates',
      'TMRM_MAX_REQUEST_CANDIDATES',
      1_000,
      1,
      100_000,
    ),
    maxRequestBytes: o.integer(
      'max-request-bytes',
      'TMRM_MAX_REQUEST_BYTES',
      1_048_576,
      1_024,
      100_000_000,
    ),
    host: o.string('host', 'TMRM_SCORER_HOST', '127.0.0.1'),
    port: o.integer('port', 'TMRM_SCORER_PORT', 9465, 0, 65_535),
    sessionTimeoutMs: o.integer(
      'session-timeout-ms',
      'TMRM_SESSION_TIMEOUT_MS',
      10_000,
      3_000,
      300_000,
    ),
    refreshOnInteraction:
      flags.switches.has('refresh-on-interaction') ||
      o.choice('refresh-on-interaction', 'TMRM_REFRESH_ON_INTERACTION', 'false', [
        'true',
        'false',
      ]) === 'true',
    refreshK: o.integer('refresh-k', 'TMRM_REFRESH_K', 10, 1, 10_000),
  };
}
