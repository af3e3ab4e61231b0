import test from 'ava';
import { asyncCodecFor } from './async-codec-for';
import { codecFor } from './codec-for';
import { DecodeError } from './decode-error';
import { loadSchemaSources } from './load-schema-sources';
import { makeInteractionEvent, makeUserProfile } from './record-factories';
import { SchemaCatalog } from './schema-catalog';
import { SchemaRegistryError } from './schema-registry-error';
import { startTinyRegistry } from './testing/tiny-schema-registry';

test('encode registers <topic>-value once and writes magic byte, schema id, Avro body', async (t) => {
  const registry = await startTinyRegistry(t);
  const events = asyncCodecFor('InteractionEvent', {
    schemaRegistry: { url: registry.url },
    topic: 'tmrm.events',
  });
  const event = makeInteractionEvent();

  const first = await events.encode(event);
  const second = await events.encode(makeInteractionEvent({ eventId: 'e2' }));

  t.is(events.wireFormat, 'confluent');
  t.deepEqual([...first.subarray(0, 5)], [0, 0, 0, 0, 1]);
  t.deepEqual([...second.subarray(0, 5)], [0, 0, 0, 0, 1]);
  t.deepEqual(registry.subjects.get('tmrm.events-value'), [1]);
  t.deepEqual(await events.decode(first), event);
  t.deepEqual(registry.requests, [
    'POST /subjects/tmrm.events-value/versions',
    'GET /schemas/ids/1',
  ]);
});

function v2Catalog(): SchemaCatalog {
  const v1 = loadSchemaSources();
  const source = v1.find((s) => s.recordType === 'InteractionEvent');
  const schema = structuredClone(source!.schema) as { fields: object[] };
  schema.fields.push({ name: 'sessionId', type: ['null', 'string'], default: null });
  return new SchemaCatalog([...v1, { recordType: 'InteractionEvent', version: 2, schema }]);
}

test('a reader resolves an older writer fetched from the registry by id', async (t) => {
  const registry = await startTinyRegistry(t);
  const options = { schemaRegistry: { url: registry.url }, topic: 'events' };
  const v1Writer = asyncCodecFor('InteractionEvent', options);
  const v2Reader = asyncCodecFor('InteractionEvent', { ...options, catalog: v2Catalog() });
  const event = makeInteractionEvent();

  const decoded = await v2Reader.decode(await v1Writer.encode(event));

  t.deepEqual(decoded, { ...event, sessionId: null });
});

test('an older reader resolves a newer writer that only added a field, dropping it', async (t) => {
  const registry = await startTinyRegistry(t);
  const options = { schemaRegistry: { url: registry.url }, topic: 'events' };
  const v2Writer = asyncCodecFor('InteractionEvent', { ...options, catalog: v2Catalog() });
  const v1Reader = asyncCodecFor('InteractionEvent', options);
  const event = makeInteractionEvent();

  const decoded = await v1Reader.decode(
    await v2Writer.encode({ ...event, sessionId: 's1' } as never),
  );

  t.deepEqual(decoded, event);
});

test('a schema id the registry does not know is a DecodeError naming it', async (t) => {
  const registry = await startTinyRegistry(t);
  const events = asyncCodecFor('InteractionEvent', {
    schemaRegistry: { url: registry.url },
    topic: 'events',
  });
  await t.throwsAsync(events.decode(Buffer.from([0, 0, 0, 0, 42, 2, 0])), {
    instanceOf: DecodeError,
    message: `schema id 42 is not in the registry at ${registry.url}`,
  });
});

test('a schema id of another record type cannot be read as this one', async (t) => {
  const registry = await startTinyRegistry(t);
  const options = { schemaRegistry: { url: registry.url }, topic: 'mixed' };
  const profileBytes = await asyncCodecFor('UserProfile', options).encode(makeUserProfile());
  const error = await t.throwsAsync(
    asyncCodecFor('InteractionEvent', options).decode(profileBytes),
    { instanceOf: DecodeError },
  );
  t.regex(error.message, /^schema id 1 from http.* cannot be read as InteractionEvent v1: /);
});

test('decode also reads single-object records, and reports a truncated frame', async (t) => {
  const registry = await startTinyRegistry(t);
  const events = asyncCodecFor('InteractionEvent', {
    schemaRegistry: { url: registry.url },
    topic: 'events',
  });
  const event = makeInteractionEvent();
  t.deepEqual(await events.decode(codecFor('InteractionEvent').encode(event)), event);
  await t.throwsAsync(events.decode(Buffer.from([0, 0, 1])), {
    instanceOf: DecodeError,
    message: 'truncated Confluent-framed record: 3 bytes, the header alone is 5',
  });
  t.deepEqual(registry.requests, []);
});

test('an unreachable registry is a retriable error naming the URL', async (t) => {
  const deadUrl = 'http://127.0.0.1:9'; // the discard port: nothing listens there
  const events = asyncCodecFor('InteractionEvent', {
    schemaRegistry: { url: deadUrl, requestTimeoutMs: 2000 },
    topic: 'events',
  });
  const error = await t.throwsAsync(events.encode(makeInteractionEvent()), {
    instanceOf: SchemaRegistryError,
  });
  t.true(error.retriable);
  t.regex(error.message, /^schema registry unreachable: POST http:\/\/127.0.0.1:9\/subjects\//);
});

test('without a registry the async codec writes the single-object encoding', async (t) => {
  const events = asyncCodecFor('InteractionEvent');
  const bytes = await events.encode(makeInteractionEvent());
  t.is(events.wireFormat, 'single-object');
  t.deepEqual([...bytes.subarray(0, 2)], [0xc3, 0x01]);
});

test('a registry without a topic, or with a bad URL, fails when the codec is built', (t) => {
  t.throws(() => asyncCodecFor('InteractionEvent', { schemaRegistry: { url: 'http://r:8081' } }), {
    message: /^topic = undefined: is required with a schema registry/,
  });
  t.throws(
    () => asyncCodecFor('InteractionEvent', { schemaRegistry: { url: 'r:8081' }, topic: 'x' }),
    {
      message: 'schemaRegistry.url = "r:8081": must be an http(s) URL; e.g. http://localhost:8081',
    },
  );
});
