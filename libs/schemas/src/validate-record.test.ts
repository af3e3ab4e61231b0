import test from 'ava';
import { codecFor } from './codec-for';
import {
  makeInteractionEvent,
  makeItemProfile,
  makeModelSnapshotChunk,
  makeRecommendation,
  makeRecommendationRequest,
  makeUserProfile,
} from './record-factories';
import type { RecordTypeName } from './types';
import { ValidationError } from './validation-error';
import type { ValidationLimits } from './validation-limits';

interface Case {
  rule: string;
  recordType: RecordTypeName;
  record: unknown;
  limits?: Partial<ValidationLimits>;
  path: string;
  message: string;
}

const event = makeInteractionEvent();
const features = { categorical: {}, numeric: {}, multi: {} };
const recommendation = makeRecommendation();
const [firstItem] = recommendation.items;
const [firstPath] = firstItem.explanation;

const CASES: Case[] = [
  {
    rule: 'a missing id',
    recordType: 'InteractionEvent',
    record: { ...event, eventId: undefined },
    path: 'eventId',
    message: 'InteractionEvent.eventId: must be a non-empty id string (got nothing)',
  },
  {
    rule: 'an empty id',
    recordType: 'UserProfile',
    record: makeUserProfile({ userId: '' }),
    path: 'userId',
    message: 'UserProfile.userId: must be a non-empty id string (got "")',
  },
  {
    rule: 'a blank id',
    recordType: 'ItemProfile',
    record: makeItemProfile({ itemId: '  ' }),
    path: 'itemId',
    message: 'ItemProfile.itemId: must be a non-empty id string (got "  ")',
  },
  {
    rule: 'an id longer than maxIdLength',
    recordType: 'InteractionEvent',
    record: { ...event, userId: 'user-123456' },
    limits: { maxIdLength: 8 },
    path: 'userId',
    message:
      'InteractionEvent.userId: must be at most 8 characters (limits.maxIdLength) ' +
      '(got "user-123456")',
  },
  {
    rule: 'an optional field left out instead of null',
    recordType: 'RecommendationRequest',
    record: { ...makeRecommendationRequest(), context: undefined },
    path: 'context',
    message: 'RecommendationRequest.context: is missing; use null for none (got nothing)',
  },
  {
    rule: 'NaN in a numeric feature',
    recordType: 'InteractionEvent',
    record: { ...event, context: { ...features, numeric: { age: NaN } } },
    path: 'context.numeric.age',
    message: 'InteractionEvent.context.numeric.age: must be a finite number (got NaN)',
  },
  {
    rule: 'Infinity as a value',
    recordType: 'InteractionEvent',
    record: { ...event, value: Infinity },
    path: 'value',
    message: 'InteractionEvent.value: must be a finite number (got Infinity)',
  },
  {
    rule: 'a feature name that is no identifier',
    recordType: 'UserProfile',
    record: makeUserProfile({ features: { ...features, numeric: { 'a.b': -Infinity } } }),
    path: 'features.numeric["a.b"]',
    message: 'UserProfile.features.numeric["a.b"]: must be a finite number (got -Infinity)',
  },
  {
    rule: 'a timestamp before 1970',
    recordType: 'InteractionEvent',
    record: { ...event, eventTimeMs: -1 },
    path: 'eventTimeMs',
    message:
      'InteractionEvent.eventTimeMs: must be epoch milliseconds from 1970-01-01T00:00:00.000Z ' +
      'to 2100-12-31T23:59:59.999Z (limits.minTimestampMs, limits.maxTimestampMs) (got -1)',
  },
  {
    rule: 'a timestamp after the configured end',
    recordType: 'UserProfile',
    record: makeUserProfile({ updatedAtMs: Date.UTC(2031, 0, 1) }),
    limits: { maxTimestampMs: Date.UTC(2030, 0, 1) },
    path: 'updatedAtMs',
    message:
      'UserProfile.updatedAtMs: must be epoch milliseconds from 1970-01-01T00:00:00.000Z ' +
      'to 2030-01-01T00:00:00.000Z (limits.minTimestampMs, limits.maxTimestampMs) ' +
      '(got 1924992000000)',
  },
  {
    rule: 'a fractional timestamp',
    recordType: 'RecommendationRequest',
    record: makeRecommendationRequest({ requestedAtMs: 1.5 }),
    path: 'requestedAtMs',
    message:
      'RecommendationRequest.requestedAtMs: must be an integer number of epoch milliseconds (got 1.5)',
  },
  {
    rule: 'an unknown event type',
    recordType: 'InteractionEvent',
    record: { ...event, eventType: 'like' },
    path: 'eventType',
    message:
      'InteractionEvent.eventType: must be one of view, click, rating, add_to_cart, purchase ' +
      '(got "like")',
  },
  {
    rule: 'a feature map over maxMapEntries',
    recordType: 'InteractionEvent',
    record: { ...event, context: { ...features, categorical: { a: 'x', b: 'y', c: 'z' } } },
    limits: { maxMapEntries: 2 },
    path: 'context.categorical',
    message:
      'InteractionEvent.context.categorical: must have at most 2 entries (limits.maxMapEntries) ' +
      '(got an object with 3 keys)',
  },
  {
    rule: 'a multi-valued feature over maxMultiValues',
    recordType: 'ItemProfile',
    record: makeItemProfile({ features: { ...features, multi: { genre: ['a', 'b', 'c'] } } }),
    limits: { maxMultiValues: 2 },
    path: 'features.multi.genre',
    message:
      'ItemProfile.features.multi.genre: must have at most 2 elements (limits.maxMultiValues) ' +
      '(got an array of 3)',
  },
  {
    rule: 'a categorical feature that is not a string',
    recordType: 'InteractionEvent',
    record: { ...event, context: { ...features, categorical: { device: 3 } } },
    path: 'context.categorical.device',
    message: 'InteractionEvent.context.categorical.device: must be a string (got 3)',
  },
  {
    rule: 'a blank feature name',
    recordType: 'InteractionEvent',
    record: { ...event, context: { ...features, categorical: { '': 'x' } } },
    path: 'context.categorical[""]',
    message: 'InteractionEvent.context.categorical[""]: feature names must not be blank (got "")',
  },
  {
    rule: 'an unknown feature kind',
    recordType: 'InteractionEvent',
    record: { ...event, context: { ...features, numerics: {} } },
    path: 'context.numerics',
    message:
      'InteractionEvent.context.numerics: is not a feature kind; use categorical, numeric, ' +
      'multi (got "numerics")',
  },
  {
    rule: 'a candidate list over maxCandidates',
    recordType: 'RecommendationRequest',
    record: makeRecommendationRequest(),
    limits: { maxCandidates: 2 },
    path: 'candidateItemIds',
    message:
      'RecommendationRequest.candidateItemIds: must have at most 2 elements ' +
      '(limits.maxCandidates) (got an array of 3)',
  },
  {
    rule: 'an empty candidate id',
    recordType: 'RecommendationRequest',
    record: makeRecommendationRequest({ candidateItemIds: ['i1', ''] }),
    path: 'candidateItemIds[1]',
    message: 'RecommendationRequest.candidateItemIds[1]: must be a non-empty id string (got "")',
  },
  {
    rule: 'k of 0',
    recordType: 'RecommendationRequest',
    record: makeRecommendationRequest({ k: 0 }),
    path: 'k',
    message: 'RecommendationRequest.k: must be an integer between 1 and 1000 (limits.maxK) (got 0)',
  },
  {
    rule: 'k over maxK',
    recordType: 'RecommendationRequest',
    record: makeRecommendationRequest({ k: 11 }),
    limits: { maxK: 10 },
    path: 'k',
    message: 'RecommendationRequest.k: must be an integer between 1 and 10 (limits.maxK) (got 11)',
  },
  {
    rule: 'a fractional k',
    recordType: 'RecommendationRequest',
    record: makeRecommendationRequest({ k: 2.5 }),
    path: 'k',
    message:
      'RecommendationRequest.k: must be an integer between 1 and 1000 (limits.maxK) (got 2.5)',
  },
  {
    rule: 'more ranked items than maxK',
    recordType: 'Recommendation',
    record: recommendation,
    limits: { maxK: 1 },
    path: 'items',
    message: 'Recommendation.items: must have at most 1 elements (limits.maxK) (got an array of 2)',
  },
  {
    rule: 'a non-finite score',
    recordType: 'Recommendation',
    record: { ...recommendation, items: [{ ...firstItem, score: NaN }] },
    path: 'items[0].score',
    message: 'Recommendation.items[0].score: must be a finite number (got NaN)',
  },
  {
    rule: 'an unknown condition operator',
    recordType: 'Recommendation',
    record: {
      ...recommendation,
      items: [
        {
          ...firstItem,
          explanation: [{ ...firstPath, conditions: [{ feature: 'age', op: '<=', value: '30' }] }],
        },
      ],
    },
    path: 'items[0].explanation[0].conditions[0].op',
    message:
      "Recommendation.items[0].explanation[0].conditions[0].op: must be one of '<', '>=', " +
      "'in', '=', 'not in', '!=', 'is missing', 'is not missing' (got \"<=\")",
  },
  {
    rule: 'a non-finite path weight',
    recordType: 'Recommendation',
    record: {
      ...recommendation,
      items: [{ ...firstItem, explanation: [{ ...firstPath, weight: Infinity }] }],
    },
    path: 'items[0].explanation[0].weight',
    message:
      'Recommendation.items[0].explanation[0].weight: must be a finite number (got Infinity)',
  },
  {
    rule: 'a chunk index at the chunk count',
    recordType: 'ModelSnapshotChunk',
    record: makeModelSnapshotChunk({ chunkIndex: 2, chunkCount: 2 }),
    path: 'chunkIndex',
    message: 'ModelSnapshotChunk.chunkIndex: must be an integer between 0 and 1 (got 2)',
  },
  {
    rule: 'a chunk over maxChunkBytes',
    recordType: 'ModelSnapshotChunk',
    record: makeModelSnapshotChunk({ bytes: Buffer.alloc(11) }),
    limits: { maxChunkBytes: 10 },
    path: 'bytes',
    message:
      'ModelSnapshotChunk.bytes: must be at most 10 bytes (limits.maxChunkBytes) (got 11 bytes)',
  },
  {
    rule: 'a hash that is not a sha256',
    recordType: 'ModelSnapshotChunk',
    record: makeModelSnapshotChunk({ sha256: 'ABC' }),
    path: 'sha256',
    message: 'ModelSnapshotChunk.sha256: must be 64 lowercase hex digits (a sha256) (got "ABC")',
  },
  {
    rule: 'a record that is not an object',
    recordType: 'InteractionEvent',
    record: null,
    path: '',
    message: 'InteractionEvent: must be an object (got null)',
  },
];

for (const { rule, recordType, record, limits, path, message } of CASES) {
  test(`refuses ${rule}`, (t) => {
    const codec = codecFor(recordType, { limits });
    const error = t.throws(() => codec.validate(record), { instanceOf: ValidationError });
    t.is(error.message, message);
    t.is(error.path, path);
    t.is(error.recordType, recordType);
    t.false(error.retriable);
    // encode validates first, so nothing invalid is ever written.
    t.throws(() => codec.encode(record as never), { instanceOf: ValidationError, message });
  });
}

test('the limits themselves are checked when the codec is built', (t) => {
  t.throws(() => codecFor('RecommendationRequest', { limits: { maxK: 0 } }), {
    message: 'limits.maxK = 0: must be an integer >= 1; omit it for the default 1000',
  });
  t.throws(() => codecFor('InteractionEvent', { limits: { maxKeys: 3 } as never }), {
    message: /^limits.maxKeys = 3: is not a validation limit; use maxIdLength, /,
  });
  t.throws(
    () => codecFor('InteractionEvent', { limits: { minTimestampMs: 5, maxTimestampMs: 5 } }),
    { message: 'limits.minTimestampMs = 5: must be below limits.maxTimestampMs (5)' },
  );
});
