import test from 'ava';
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
