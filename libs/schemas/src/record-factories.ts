import type {
  InteractionEvent,
  ItemProfile,
  ModelSnapshotChunk,
  Recommendation,
  RecommendationRequest,
  RecordOf,
  RecordTypeName,
  UserProfile,
} from './types';

// Small valid records for tests and examples; each takes overrides for the fields a test cares
// about. 1700000000000 ms is 2023-11-14T22:13:20Z.

export function makeInteractionEvent(overrides: Partial<InteractionEvent> = {}): InteractionEvent {
  return {
    eventId: 'e1',
    userId: 'u1',
    itemId: 'i9',
    eventType: 'click',
    value: null,
    eventTimeMs: 1_700_000_000_000,
    context: { categorical: { device: 'mobile' }, numeric: { hour: 22 }, multi: {} },
    ...overrides,
  };
}

export function makeUserProfile(overrides: Partial<UserProfile> = {}): UserProfile {
  return {
    userId: 'u1',
    features: {
      categorical: { gender: 'F', occupation: 'writer' },
      numeric: { age: 29 },
      multi: {},
    },
    updatedAtMs: 1_700_000_000_000,
    ...overrides,
  };
}

export function makeItemProfile(overrides: Partial<ItemProfile> = {}): ItemProfile {
  return {
    itemId: 'i9',
    features: {
      categorical: {},
      numeric: { year: 1995 },
      multi: { genre: ['Drama', 'Comedy'] },
    },
    updatedAtMs: 1_700_000_000_000,
    ...overrides,
  };
}

export function makeRecommendationRequest(
  overrides: Partial<RecommendationRequest> = {},
): RecommendationRequest {
  return {
    requestId: 'r1',
    userId: 'u1',
    k: 2,
    candidateItemIds: ['i1', 'i9', 'i12'],
    context: null,
    requestedAtMs: 1_700_000_000_000,
    ...overrides,
  };
}

export function makeRecommendation(overrides: Partial<Recommendation> = {}): Recommendation {
  return {
    requestId: 'r1',
    userId: 'u1',
    modelVersion: 'm-2023-11-14.1',
    items: [
      {
        itemId: 'i9',
        score: 0.83,
        explanation: [
          {
            conditions: [
              { feature: 'age', op: 'in', value: '[25, 34]' },
              { feature: 'genre', op: 'in', value: '{Drama, Comedy}' },
            ],
            text: 'age in [25, 34] AND genre in {Drama, Comedy}',
            weight: 0.61,
          },
        ],
      },
      { itemId: 'i1', score: 0.4, explanation: [] },
    ],
    createdAtMs: 1_700_000_000_050,
    error: null,
    ...overrides,
  };
}

export function makeModelSnapshotChunk(
  overrides: Partial<ModelSnapshotChunk> = {},
): ModelSnapshotChunk {
  return {
    modelId: 'tmrm',
    version: 'm-2023-11-14.1',
    chunkIndex: 0,
    chunkCount: 2,
    bytes: Buffer.from([0, 1, 2, 250, 255]),
    // sha256 of the empty string; the codec checks the format, not the content.
    sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    ...overrides,
  };
}

/** One valid record of every type, by name. */
export function makeRecord<N extends RecordTypeName>(recordType: N): RecordOf<N> {
  const factories: { [K in RecordTypeName]: () => RecordOf<K> } = {
    InteractionEvent: makeInteractionEvent,
    UserProfile: makeUserProfile,
    ItemProfile: makeItemProfile,
    RecommendationRequest: makeRecommendationRequest,
    Recommendation: makeRecommendation,
    ModelSnapshotChunk: makeModelSnapshotChunk,
  };
  return factories[recordType]() as RecordOf<N>;
}
