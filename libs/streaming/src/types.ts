import type { InteractionEvent, ItemProfile, UserProfile } from '@tmrm/schemas';

/** Where a record came from, so its offset can be acknowledged once it is trained on. */
export interface RecordPosition {
  topic: string;
  partition: number;
  /** Kafka offset as a decimal string (offsets are 64-bit). */
  offset: string;
}

/** A field value of a model sample: categorical, numeric or multi-valued. */
export type FieldValue = string | number | string[];

/**
 * One field-structured model input, as `@tmrm/model` takes it: `user_id` and `item_id` are
 * always present; `leafIds` holds one global GBDT leaf id per tree once leaf-encoded.
 */
export interface Sample {
  fields: Record<string, FieldValue>;
  leafIds?: Int32Array;
  label?: number;
}

/** An interaction with its click label, the output of `labelEvents`. */
export interface LabelledEvent {
  event: InteractionEvent;
  /** 1 for a positive (click-like) interaction, 0 for a negative one. */
  label: 0 | 1;
  /** True for a negative made up by `sampleNegatives`, never seen on the topic. */
  synthetic: boolean;
  /** The record this came from; absent for synthetic negatives and in tests. */
  source?: RecordPosition;
}

/** A labelled event with the side features of its user and item, the output of `joinProfiles`. */
export interface JoinedEvent extends LabelledEvent {
  user: UserProfile | null;
  item: ItemProfile | null;
}

/** A joined event turned into a model sample, the output of `featurize`. */
export interface FeaturizedEvent extends LabelledEvent {
  sample: Sample;
}

/** Model scores next to the labels they predicted, the input of `rollingMetrics`. */
export interface ScoredBatch {
  /** Predicted click probabilities, each in [0, 1]. */
  scores: ArrayLike<number>;
  /** The observed labels, 0 or 1, in the same order. */
  labels: ArrayLike<number>;
}
