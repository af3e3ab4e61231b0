import { ConfigError } from '@tmrm/common';
import type { SchemaRegistryClientOptions } from './schema-registry-client';

/**
 * The schema registry settings from the environment, or undefined when none is configured (the
 * default: records then use the Avro single-object encoding).
 *
 * | variable | meaning |
 * | --- | --- |
 * | `SCHEMA_REGISTRY_URL` | e.g. `http://localhost:8081`; unset or empty: no registry |
 * | `SCHEMA_REGISTRY_USERNAME`, `SCHEMA_REGISTRY_PASSWORD` | HTTP basic auth, both or neither |
 * | `SCHEMA_REGISTRY_TIMEOUT_MS` | per request, default 10,000 |
 */
export function schemaRegistryFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): SchemaRegistryClientOptions | undefined {
  const url = env.SCHEMA_REGISTRY_URL?.trim();
  if (!url) return undefined;
  const options: SchemaRegistryClientOptions = { url };

  const { SCHEMA_REGISTRY_USERNAME: username, SCHEMA_REGISTRY_PASSWORD: password } = env;
  if (Boolean(username) !== Boolean(password)) {
    const rule = 'must be set together with SCHEMA_REGISTRY_PASSWORD, or neither';
    throw new ConfigError('SCHEMA_REGISTRY_USERNAME', username ?? '', rule);
  }
  if (username && password) {
    const credentials = Buffer.from(`${username}:${password}`).toString('base64');
    options.headers = { authorization: `Basic ${credentials}` };
  }

  const timeout = env.SCHEMA_REGISTRY_TIMEOUT_MS;
  if (timeout !== undefined && timeout !== '') {
    const requestTimeoutMs = Number(timeout);
    if (!Number.isInteger(requestTimeoutMs) || requestTimeoutMs < 1) {
      throw new ConfigError('SCHEMA_REGISTRY_TIMEOUT_MS', timeout, 'must be an integer >= 1');
    }
    options.requestTimeoutMs = requestTimeoutMs;
  }
  return options;
}
