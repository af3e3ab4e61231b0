import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '@tmrm/common';

/** The Kafka release the local broker runs; it must match `pom.xml`. */
export const KAFKA_VERSION = '3.9.1';

/** Where one local broker keeps its files, and on which ports it listens. */
export interface BrokerLayout {
  /** Client port on 127.0.0.1. */
  port: number;
  /** KRaft controller port on 127.0.0.1. */
  controllerPort: number;
  /** Folder holding this broker's data, log, pid file and configuration. */
  stateDir: string;
  /** Folder holding the Kafka jars resolved by Maven, shared by all brokers. */
  jarsDir: string;
  /** `tools/kafka`, where `pom.xml` and `log4j.properties` live. */
  toolDir: string;
  /** An extra SASL_PLAINTEXT listener, for testing authentication end to end. */
  sasl?: SaslListener;
  /** An extra TLS listener, for testing encrypted connections end to end. */
  tls?: TlsListener;
}

/** A SASL listener accepting PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512 for the given users. */
export interface SaslListener {
  port: number;
  users: { username: string; password: string }[];
}

/** A TLS listener; `keystoreFile` holds a PKCS#8 private key and its certificate chain (PEM). */
export interface TlsListener {
  port: number;
  keystoreFile: string;
}

/** Options for {@link brokerLayout}; each falls back to an environment variable. */
export interface BrokerLayoutOptions {
  /** Client port; `TMRM_KAFKA_PORT`, default 9092. */
  port?: number;
  /** Controller port; `TMRM_KAFKA_CONTROLLER_PORT`, default port + 1. */
  controllerPort?: number;
  /** State folder; `TMRM_KAFKA_STATE_DIR`, default `.tmrm/kafka-<port>` at the repo root. */
  stateDir?: string;
  /** Jar cache; `TMRM_KAFKA_JARS_DIR`, default `~/.cache/tmrm/kafka-<version>`. */
  jarsDir?: string;
  /** Also listen with SASL; off by default. */
  sasl?: SaslListener;
  /** Also listen with TLS; off by default. */
  tls?: TlsListener;
}

const toolDir = resolve(fileURLToPath(new URL('..', import.meta.url)));
const repoRoot = resolve(toolDir, '..', '..');

function portOption(option: string, raw: string | number | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1024 || port > 65535) {
    throw new ConfigError(option, raw, 'must be an integer port between 1024 and 65535');
  }
  return port;
}

/** Resolves the layout of a local broker from options, then environment, then defaults. */
export function brokerLayout(options: BrokerLayoutOptions = {}): BrokerLayout {
  const env = process.env;
  const port = portOption('port', options.port ?? env.TMRM_KAFKA_PORT, 9092);
  const controllerPort = portOption(
    'controllerPort',
    options.controllerPort ?? env.TMRM_KAFKA_CONTROLLER_PORT,
    port + 1,
  );
  if (controllerPort === port) {
    throw new ConfigError('controllerPort', controllerPort, 'must differ from the client port');
  }
  const cacheHome = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return {
    port,
    controllerPort,
    stateDir: resolve(
      options.stateDir ?? env.TMRM_KAFKA_STATE_DIR ?? join(repoRoot, '.tmrm', `kafka-${port}`),
    ),
    jarsDir: resolve(
      options.jarsDir ??
        env.TMRM_KAFKA_JARS_DIR ??
        join(cacheHome, 'tmrm', `kafka-${KAFKA_VERSION}`),
    ),
    toolDir,
    sasl: options.sasl && {
      ...options.sasl,
      port: portOption('sasl.port', options.sasl.port, 0),
    },
    tls: options.tls && { ...options.tls, port: portOption('tls.port', options.tls.port, 0) },
  };
}
