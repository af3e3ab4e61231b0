import test from 'ava';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SchemaRegistryClient } from './schema-registry-client';
import { SchemaRegistryError } from './schema-registry-error';
import { startTinyRegistry } from './testing/tiny-schema-registry';

test('a refused request is a non-retriable error with the registry status, code and message', async (t) => {
  const registry = await startTinyRegistry(t);
  const client = new SchemaRegistryClient({ url: `${registry.url}/` });
  const error = await t.throwsAsync(client.register('events-value', 'not json'), {
    instanceOf: SchemaRegistryError,
  });
  t.false(error.retriable);
  t.is(error.status, 422);
  t.is(error.errorCode, 42201);
  t.is(
    error.message,
    `schema registry POST ${registry.url}/subjects/events-value/versions: ` +
      'HTTP 422 (error 42201): Invalid schema',
  );
});

test('concurrent registrations of one schema make one request', async (t) => {
  const registry = await startTinyRegistry(t);
  const client = new SchemaRegistryClient({ url: registry.url });
  const ids = await Promise.all([1, 2, 3].map(() => client.register('s-value', '"string"')));
  t.deepEqual(ids, [1, 1, 1]);
  t.is(registry.requests.length, 1);
});

test('a registry that does not answer in time is a retriable error naming the limit', async (t) => {
  const silent = createServer(() => {
    // Never answers, like a registry stuck in a long GC pause.
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  t.teardown(() => {
    silent.closeAllConnections();
    return new Promise<void>((resolve) => silent.close(() => resolve()));
  });
  const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
  const client = new SchemaRegistryClient({ url, requestTimeoutMs: 200 });

  const error = await t.throwsAsync(client.schemaById(1), { instanceOf: SchemaRegistryError });

  t.true(error.retriable);
  t.is(
    error.message,
    `schema registry unreachable: GET ${url}/schemas/ids/1: ` +
      'no answer within 200 ms (schemaRegistry.requestTimeoutMs)',
  );
});

test('a bad request timeout fails when the client is built', (t) => {
  t.throws(() => new SchemaRegistryClient({ url: 'http://r:8081', requestTimeoutMs: 0 }), {
    message: 'schemaRegistry.requestTimeoutMs = 0: must be an integer >= 1',
  });
});
