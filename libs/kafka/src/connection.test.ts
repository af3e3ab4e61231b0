import test from 'ava';
import { ConfigError } from '@tmrm/common';
import { connectionFromEnv, parseBrokers } from './connection';

test('defaults to the local broker on loopback', (t) => {
  const settings = connectionFromEnv({});
  t.deepEqual(settings.brokers, ['127.0.0.1:9092']);
  t.is(settings.ssl, undefined);
  t.is(settings.sasl, undefined);
});

test('reads a broker list, TLS files and SASL credentials from the environment', (t) => {
  const files: Record<string, string> = { '/ca.pem': 'CA', '/c.pem': 'CERT', '/k.pem': 'KEY' };
  const settings = connectionFromEnv(
    {
      KAFKA_BROKERS: 'a.example:9093, b.example:9093',
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA_FILE: '/ca.pem',
      KAFKA_SSL_CERT_FILE: '/c.pem',
      KAFKA_SSL_KEY_FILE: '/k.pem',
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
      KAFKA_SASL_USERNAME: 'alice',
      KAFKA_SASL_PASSWORD: 's3cret',
    },
    (path) => files[path],
  );
  t.deepEqual(settings.brokers, ['a.example:9093', 'b.example:9093']);
  t.deepEqual(settings.ssl, { rejectUnauthorized: true, ca: ['CA'], cert: 'CERT', key: 'KEY' });
  t.deepEqual(settings.sasl, { mechanism: 'scram-sha-512', username: 'alice', password: 's3cret' });
});

test('rejects a malformed broker list, naming the variable', (t) => {
  const error = t.throws(() => parseBrokers('localhost'), { instanceOf: ConfigError });
  t.regex(error!.message, /^KAFKA_BROKERS = "localhost": "localhost" is not host:port/);
  t.throws(() => parseBrokers(' , '), { message: /at least one host:port/ });
});

test('rejects an unknown SASL mechanism and missing credentials without echoing secrets', (t) => {
  t.throws(() => connectionFromEnv({ KAFKA_SASL_MECHANISM: 'kerberos' }), {
    message: /KAFKA_SASL_MECHANISM = "kerberos": must be one of plain/,
  });
  const error = t.throws(() =>
    connectionFromEnv({ KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_PASSWORD: 'hunter2' }),
  );
  t.notRegex(error!.message, /hunter2/);
});
