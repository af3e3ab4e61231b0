import test from 'ava';
import { codecFor } from './codec-for';
import { DecodeError } from './decode-error';
import { loadSchemaSources } from './load-schema-sources';
import { makeInteractionEvent } from './record-factories';
import { SchemaCatalog, type SchemaSource } from './schema-catalog';

// A v2 InteractionEvent as a later release might ship it: v1 plus two fields with defaults, so
// a v2 reader can fill them in for records written before they existed.
function interactionEventV2(): SchemaSource {
  const v1 = loadSchemaSources().find(
    (source) => source.recordType === 'InteractionEvent' && source.version === 1,
  );
  if (!v1) throw new Error('InteractionEvent.v1.avsc is missing');
  const schema = structuredClone(v1.schema) as { fields: object[] };
  schema.fields.push(
    { name: 'sessionId', type: ['null', 'string'], default: null },
    { name: 'source', type: 'string', default: 'web' },
  );
  return { recordType: 'InteractionEvent', version: 2, schema };
}

const v1Catalog = new SchemaCatalog(loadSchemaSources());
const v2Catalog = new SchemaCatalog([...loadSchemaSources(), interactionEventV2()]);

test('a v1 event read with a v2 reader gets the new fields from their defaults', (t) => {
  const v1Writer = codecFor('InteractionEvent', { catalog: v1Catalog });
  const v2Reader = codecFor('InteractionEvent', { catalog: v2Catalog });
  const event = makeInteractionEvent({ value: 4, eventType: 'rating' });

  const decoded = v2Reader.decode(v1Writer.encode(event));

  t.deepEqual(decoded, { ...event, sessionId: null, source: 'web' });
});

test('a v2 reader writes v2, with a fingerprint of its own', (t) => {
  const v1Writer = codecFor('InteractionEvent', { catalog: v1Catalog });
  const v2Codec = codecFor('InteractionEvent', { catalog: v2Catalog });
  const event = { ...makeInteractionEvent(), sessionId: 's7', source: 'app' };

  const bytes = v2Codec.encode(event);

  t.notDeepEqual(bytes.subarray(2, 10), v1Writer.encode(event).subarray(2, 10));
  t.deepEqual(v2Codec.decode(bytes), event);
});

test('a v1 reader refuses a v2 record with the unknown fingerprint, never misreads it', (t) => {
  const v1Reader = codecFor('InteractionEvent', { catalog: v1Catalog });
  const v2Writer = codecFor('InteractionEvent', { catalog: v2Catalog });
  const v2Fingerprint = v2Catalog.current('InteractionEvent').fingerprintHex;

  const error = t.throws(() => v1Reader.decode(v2Writer.encode(makeInteractionEvent())), {
    instanceOf: DecodeError,
  });

  t.true(error.message.includes(`unknown writer schema fingerprint ${v2Fingerprint}`));
});

test('the catalog refuses a version whose canonical form did not change', (t) => {
  const v1 = loadSchemaSources().filter((source) => source.recordType === 'InteractionEvent');
  const copy = { ...v1[0], version: 2 };
  t.throws(() => new SchemaCatalog([...v1, copy]), {
    message: /InteractionEvent v2 has the same canonical form as InteractionEvent v1/,
  });
});

test('the catalog refuses a new version that old records cannot be read with', (t) => {
  const sources = loadSchemaSources();
  const v2 = interactionEventV2();
  (v2.schema as { fields: object[] }).fields.push({ name: 'region', type: 'string' });
  t.throws(() => new SchemaCatalog([...sources, v2]), {
    message:
      /^schema catalog: InteractionEvent v1 records cannot be read with v2: .*needs a default$/,
  });
});
