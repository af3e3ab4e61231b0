import { map, type OperatorFunction } from 'rxjs';
import type { Features, ItemProfile, UserProfile } from '@tmrm/schemas';
import type { RecentBehaviour } from './recent-behaviour';
import type { FeaturizedEvent, FieldValue, JoinedEvent, Sample } from './types';

/** Field names of the recent-behaviour counters every sample carries. */
export const USER_RECENT_POSITIVES = 'user_recent_positives';
export const ITEM_RECENT_POPULARITY = 'item_recent_popularity';

/** Options for {@link featurize}. */
export interface FeaturizeOptions {
  /** Bounded recent history; read for the counters, then updated with each real event. */
  behaviour: RecentBehaviour;
}

/** What one sample is built from, for training and for scoring alike. */
export interface SampleInput {
  userId: string;
  itemId: string;
  user: UserProfile | null;
  item: ItemProfile | null;
  context: Features | null;
  behaviour: RecentBehaviour;
}

/**
 * Turns joined events into field-structured model samples (see {@link buildSample}), then
 * records each real event in the recent history so the next samples see it. Synthetic
 * negatives are featurized but never recorded: they did not happen.
 */
export function featurize(
  options: FeaturizeOptions,
): OperatorFunction<JoinedEvent, FeaturizedEvent> {
  return map((joined) => featurizeEvent(joined, options.behaviour));
}

/**
 * One step of {@link featurize}: the sample of a joined event, read from the counters before
 * the event is recorded in them (real events only). The trainer calls it batch by batch right
 * before training, so its counters never run ahead of its model.
 */
export function featurizeEvent(joined: JoinedEvent, behaviour: RecentBehaviour): FeaturizedEvent {
  const { event } = joined;
  const fields = sampleFields(event.userId, event.itemId, joined, behaviour, event.context);
  const sample: Sample = { fields, label: joined.label };
  if (!joined.synthetic) behaviour.record(event.userId, event.itemId, joined.label === 1);
  // Built field by field: a rest-spread of the joined event cost as much as the sample itself.
  const featurized: FeaturizedEvent = {
    event,
    label: joined.label,
    synthetic: joined.synthetic,
    sample,
  };
  if (joined.source) featurized.source = joined.source;
  return featurized;
}

/**
 * The fields of one (user, item, context): `user_id`, `item_id`, every user, item and context
 * feature under its own name (categorical as strings, numeric as numbers, multi-valued as
 * string lists), and two counters of the recent past: the user's positives in their remembered
 * history and the item's positives in the popularity window.
 *
 * Feature names share one namespace, so that GBDT conditions and explanations read as the
 * data set names them (`age`, `genre`, `hour`). Where user, item and context use the same name
 * the later source wins in that order (context last), which a data set should avoid.
 */
export function buildSample(input: SampleInput): Sample {
  const { userId, itemId, behaviour, context } = input;
  return { fields: sampleFields(userId, itemId, input, behaviour, context) };
}

// Hot path (every training event): featurizeEvent calls this without building a SampleInput
// per event, and creates the sample with its label at once instead of adding the label later.
function sampleFields(
  userId: string,
  itemId: string,
  parts: { user: UserProfile | null; item: ItemProfile | null },
  behaviour: RecentBehaviour,
  context: Features | null,
): Record<string, FieldValue> {
  const fields: Record<string, FieldValue> = {};
  if (parts.user) addFeatures(fields, parts.user.features);
  if (parts.item) addFeatures(fields, parts.item.features);
  if (context) addFeatures(fields, context);
  fields.user_id = userId;
  fields.item_id = itemId;
  fields[USER_RECENT_POSITIVES] = behaviour.userPositives(userId);
  fields[ITEM_RECENT_POPULARITY] = behaviour.itemPopularity(itemId);
  return fields;
}

// for-in loops rather than Object.entries: this runs for every event, and the entry arrays were
// a tenth of the featurize path's time (the maps are plain objects from the Avro decoder).
function addFeatures(fields: Record<string, FieldValue>, features: Features): void {
  const { categorical, numeric, multi } = features;
  for (const name in categorical) fields[name] = categorical[name];
  for (const name in numeric) fields[name] = numeric[name];
  for (const name in multi) fields[name] = multi[name].slice();
}
