import test from 'ava';
import { schemaRegistryFromEnv } from './schema-registry-from-env';

test('no SCHEMA_REGISTRY_URL means no registry', (t) => {
  t.is(schemaRegistryFromEnv({}), undefined);
  t.is(schemaRegistryFromEnv({ SCHEMA_REGISTRY_URL: ' ' }), undefined);
});

test('reads the URL, basic auth and the timeout', (t) => {
  const options = schemaRegistryFromEnv({
    SCHEMA_REGISTRY_URL: 'http://registry:8081',
    SCHEMA_REGISTRY_USERNAME: 'tmrm',
    SCHEMA_REGISTRY_PASSWORD: 'secret',
    SCHEMA_REGISTRY_TIMEOUT_MS: '2500',
  });
  t.deepEqual(options, {
    url: 'http://registry:8081',
    headers: { authorization: `Basic ${Buffer.from('tmrm:secret').toString('base64')}` },
    requestTimeoutMs: 2500,
  });
});

test('half of the credentials, or a bad timeout, is a configuration error', (t) => {
  t.throws(
    () => schemaRegistryFromEnv({ SCHEMA_REGISTRY_URL: 'http://r', SCHEMA_REGISTRY_USERNAME: 'u' }),
    {
      message:
        'SCHEMA_REGISTRY_USERNAME = "u": must be set together with SCHEMA_REGISTRY_PASSWORD, or neither',
    },
  );
  t.throws(
    () =>
      schemaRegistryFromEnv({ SCHEMA_REGISTRY_URL: 'http://r', SCHEMA_REGISTRY_TIMEOUT_MS: '1s' }),
    { message: 'SCHEMA_REGISTRY_TIMEOUT_MS = "1s": must be an integer >= 1' },
  );
});
