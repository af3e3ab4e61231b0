/**
 * The records tmrm exchanges over Kafka, as TypeScript. Each one has an Avro schema of the same
 * name in `libs/schemas/avro/NAME.vN.avsc`; the two are kept in step by the round-trip tests.
 * These shapes are the shared contract between the libraries (see /work/contracts.md).
 */

/** Typed side-feature maps: every feature is categorical, numeric or multi-valued. */
export interface Features {
  categorical: Record<string, string>;
  numeric: Record<string, number>;
  /** Multi-valued categorical features, e.g. `genre: ['Drama', 'Comedy']`. */
  multi: Record<string, string[]>;
}

/** The interaction kinds tmrm learns from, in the order of the Avro enum's symbols. */
export const EVENT_TYPES = ['view', 'click', 'rating', 'add_to_cart', 'purchase'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** One thing a user did with an item. */
export interface InteractionEvent {
  eventId: string;
  userId: string;
  itemId: string;
  eventType: EventType;
  /** An optional measurement, e.g. a rating. */
  value: number | null;
  /** When it happened, epoch milliseconds. */
  eventTimeMs: number;
  /** Context at the time of the event, e.g. hour, weekday, device. */
  context: Features | null;
}

/** A user's side features, keyed by user id on a compacted topic. */
export interface UserProfile {
  userId: string;
  features: Features;
  updatedAtMs: number;
}

/** An item's side features, keyed by item id on a compacted topic. */
export interface ItemProfile {
  itemId: string;
  features: Features;
  updatedAtMs: number;
}

/** Asks for the top `k` items for a user, optionally among given candidates. */
export interface RecommendationRequest {
  requestId: string;
  userId: string;
  k: number;
  /** Restricts ranking to these items; null ranks the whole catalogue. */
  candidateItemIds: string[] | null;
  context: Features | null;
  requestedAtMs: number;
}

/** The comparison operators a condition of a feature path may use. */
export const CONDITION_OPS = [
  '<',
  '>=',
  'in',
  '=',
  'not in',
  '!=',
  'is missing',
  'is not missing',
] as const;

/**
 * One test on the path from a GBDT root to a leaf, e.g. `{feature: 'age', op: 'in',
 * value: '[25, 34]'}` (a numeric range) or `{feature: 'genre', op: 'in', value: '{Drama, Comedy}'}`
 * (a category set). `op` is one of {@link CONDITION_OPS}.
 */
export interface Condition {
  feature: string;
  op: string;
  value: string;
}

/** A feature combination (a GBDT leaf) read back as conditions, rendered text and a weight. */
export interface FeaturePath {
  conditions: Condition[];
  /** e.g. `age in [25, 34] AND genre = Drama AND hour >= 20`. */
  text: string;
  weight: number;
}

export interface RankedItem {
  itemId: string;
  score: number;
  /** The feature paths behind this item's score, most important first. */
  explanation: FeaturePath[];
}

/** The answer to a {@link RecommendationRequest}. */
export interface Recommendation {
  requestId: string;
  userId: string;
  modelVersion: string;
  /** Best first. Empty when `error` is set. */
  items: RankedItem[];
  createdAtMs: number;
  /** A clear reply for a request that could not be served, else null. */
  error: string | null;
}

/** One piece of a serialized model snapshot, small enough for one Kafka message. */
export interface ModelSnapshotChunk {
  modelId: string;
  version: string;
  /** 0-based, below `chunkCount`. */
  chunkIndex: number;
  chunkCount: number;
  bytes: Buffer;
  /** sha256 (lowercase hex) of the whole snapshot, the concatenation of all chunks. */
  sha256: string;
}

/** The record types with an Avro schema. */
export const RECORD_TYPE_NAMES = [
  'InteractionEvent',
  'UserProfile',
  'ItemProfile',
  'RecommendationRequest',
  'Recommendation',
  'ModelSnapshotChunk',
] as const;
export type RecordTypeName = (typeof RECORD_TYPE_NAMES)[number];

/** Maps a record type name to its TypeScript type. */
export interface RecordTypes {
  InteractionEvent: InteractionEvent;
  UserProfile: UserProfile;
  ItemProfile: ItemProfile;
  RecommendationRequest: RecommendationRequest;
  Recommendation: Recommendation;
  ModelSnapshotChunk: ModelSnapshotChunk;
}
export type RecordOf<N extends RecordTypeName> = RecordTypes[N];
