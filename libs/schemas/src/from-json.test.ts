import test from 'ava';
import { codecFor } from './codec-for';
import { defaultSchemaCatalog } from './default-schema-catalog';
import { makeInteractionEvent } from './record-factories';
import { writeSingleObject } from './single-object-encoding';
import { ValidationError } from './validation-error';

const events = codecFor('InteractionEvent');
const line = { eventId: 'e1', userId: 'u1', itemId: 'i9', eventType: 'view', eventTimeMs: 0 };

test('timestamps may be ISO-8601 date-times with a zone, or dates at midnight UTC', (t) => {
  const at = (eventTimeMs: string) => events.fromJson({ ...line, eventTimeMs }).eventTimeMs;
  t.is(at('2023-11-14T22:13:20Z'), 1_700_000_000_000);
  t.is(at('2023-11-14T23:13:20.000+01:00'), 1_700_000_000_000);
  t.is(at('2023-11-14'), Date.UTC(2023, 10, 14));
});

test('a date-time without a zone is refused, since its meaning would depend on the machine', (t) => {
  const error = t.throws(() => events.fromJson({ ...line, eventTimeMs: '2023-11-14T22:13:20' }), {
    instanceOf: ValidationError,
  });
  t.is(error.path, 'eventTimeMs');
  t.regex(error.message, /must be epoch milliseconds or an ISO-8601 date-time with a zone/);
});

test('a misspelt field is refused with the list of fields', (t) => {
  const error = t.throws(() => events.fromJson({ ...line, userID: 'u1' }), {
    instanceOf: ValidationError,
  });
  t.is(
    error.message,
    'InteractionEvent.userID: is not a field; the fields are eventId, userId, itemId, ' +
      'eventType, value, eventTimeMs, context (got "userID")',
  );
});

test('a misspelt field inside the features is refused with its path', (t) => {
  const error = t.throws(() => events.fromJson({ ...line, context: { numerc: { age: 3 } } }), {
    instanceOf: ValidationError,
  });
  t.is(error.path, 'context.numerc');
});

test('a feature named __proto__ is refused rather than silently lost', (t) => {
  const json = JSON.parse('{"categorical":{"__proto__":{"device":"x"}}}') as object;
  t.throws(() => events.fromJson({ ...line, context: json }), {
    instanceOf: ValidationError,
    message: 'InteractionEvent.context.categorical.__proto__: is a reserved name (got "__proto__")',
  });
});

test('fromJson validates what it converts', (t) => {
  const error = t.throws(() => events.fromJson({ ...line, eventType: 'like' }), {
    instanceOf: ValidationError,
  });
  t.is(error.path, 'eventType');
  t.throws(() => events.fromJson('e1,u1,i9'), {
    instanceOf: ValidationError,
    message: 'InteractionEvent: must be an object (got "e1,u1,i9")',
  });
});

test('bytes are base64 in JSON, and other text is refused', (t) => {
  const chunks = codecFor('ModelSnapshotChunk');
  const chunk = {
    modelId: 'm',
    version: 'v1',
    chunkIndex: 0,
    chunkCount: 1,
    bytes: 'AAEC+v8=',
    sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  };
  t.deepEqual(chunks.fromJson(chunk).bytes, Buffer.from([0, 1, 2, 250, 255]));
  t.throws(() => chunks.fromJson({ ...chunk, bytes: 'not base64!' }), {
    instanceOf: ValidationError,
    message: 'ModelSnapshotChunk.bytes: must be a base64 string (got "not base64!")',
  });
});

test('decode validates too: a NaN written by another producer is refused', (t) => {
  // Avro can carry NaN, so a producer that skips validation can write one.
  const reader = defaultSchemaCatalog().current('InteractionEvent');
  const body = reader.type.toBuffer(makeInteractionEvent({ value: NaN }));
  const bytes = writeSingleObject(reader.fingerprintBytes, body);
  t.throws(() => events.decode(bytes), {
    instanceOf: ValidationError,
    message: 'InteractionEvent.value: must be a finite number (got NaN)',
  });
});
