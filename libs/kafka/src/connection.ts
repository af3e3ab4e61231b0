import { readFileSync } from 'node:fs';
import type { KafkaConfig, SASLOptions } from 'kafkajs';
import { ConfigError } from '@tmrm/common';

/**
 * Where the broker is and how to talk to it: the one place every tmrm process
 * reads it from.
 *
 * | variable | meaning |
 * | --- | --- |
 * | `KAFKA_BROKERS` | comma-separated `host:port` list, default `127.0.0.1:9092` |
 * | `KAFKA_CLIENT_ID` | client id prefix, default `tmrm` |
 * | `KAFKA_SSL` | `true` to use TLS |
 * | `KAFKA_SSL_CA_FILE`, `KAFKA_SSL_CERT_FILE`, `KAFKA_SSL_KEY_FILE` | PEM files for TLS |
 * | `KAFKA_SSL_REJECT_UNAUTHORIZED` | `false` to accept self-signed brokers (testing only) |
 * | `KAFKA_SASL_MECHANISM` | `plain`, `scram-sha-256` or `scram-sha-512` |
 * | `KAFKA_SASL_USERNAME`, `KAFKA_SASL_PASSWORD` | SASL credentials |
 */
export interface ConnectionSettings {
  brokers: string[];
  clientId: string;
  ssl?: KafkaConfig['ssl'];
  sasl?: SASLOptions;
}

export const DEFAULT_BROKERS = '127.0.0.1:9092';

const SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;

/**
 * Reads the connection settings from an environment (by default the process's).
 * Fails at once, naming the variable, when a value breaks its rule.
 */
export function connectionFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  readFile: (path: string) => string = defaultReadFile,
): ConnectionSettings {
  const brokers = parseBrokers(env.KAFKA_BROKERS ?? DEFAULT_BROKERS);
  const settings: ConnectionSettings = { brokers, clientId: env.KAFKA_CLIENT_ID || 'tmrm' };

  if (isTrue(env.KAFKA_SSL) || env.KAFKA_SSL_CA_FILE) {
    settings.ssl = {
      rejectUnauthorized: env.KAFKA_SSL_REJECT_UNAUTHORIZED !== 'false',
      ...(env.KAFKA_SSL_CA_FILE ? { ca: [readFile(env.KAFKA_SSL_CA_FILE)] } : {}),
      ...(env.KAFKA_SSL_CERT_FILE ? { cert: readFile(env.KAFKA_SSL_CERT_FILE) } : {}),
      ...(env.KAFKA_SSL_KEY_FILE ? { key: readFile(env.KAFKA_SSL_KEY_FILE) } : {}),
    };
  }

  const mechanism = env.KAFKA_SASL_MECHANISM?.toLowerCase();
  if (mechanism) {
    if (!(SASL_MECHANISMS as readonly string[]).includes(mechanism)) {
      throw new ConfigError(
        'KAFKA_SASL_MECHANISM',
        env.KAFKA_SASL_MECHANISM,
        `must be one of ${SASL_MECHANISMS.join(', ')}`,
      );
    }
    if (!env.KAFKA_SASL_USERNAME || !env.KAFKA_SASL_PASSWORD) {
      throw new ConfigError(
        'KAFKA_SASL_USERNAME',
        env.KAFKA_SASL_USERNAME ? '(set)' : '(unset)',
        'SASL needs both KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD',
      );
    }
    settings.sasl = {
      mechanism: mechanism as (typeof SASL_MECHANISMS)[number],
      username: env.KAFKA_SASL_USERNAME,
      password: env.KAFKA_SASL_PASSWORD,
    } as SASLOptions;
  }
  return settings;
}

/** Parses `host:port,host:port`, rejecting anything that is not a list of such pairs. */
export function parseBrokers(raw: string): string[] {
  const brokers = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (brokers.length === 0) {
    throw new ConfigError('KAFKA_BROKERS', raw, 'must list at least one host:port');
  }
  for (const broker of brokers) {
    const match = /^(\[[0-9a-fA-F:]+\]|[^:\s]+):(\d{1,5})$/.exec(broker);
    if (!match || Number(match[2]) < 1 || Number(match[2]) > 65535) {
      throw new ConfigError('KAFKA_BROKERS', raw, `"${broker}" is not host:port`);
    }
  }
  return brokers;
}

function isTrue(value: string | undefined): boolean {
  return value !== undefined && ['1', 'true', 'yes'].includes(value.toLowerCase());
}

function defaultReadFile(path: string): string {
  return readFileSync(path, 'utf8');
}
