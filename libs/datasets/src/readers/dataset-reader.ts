import type { InteractionEvent, ItemProfile, UserProfile } from '../records';
import type { ReadIssues } from '../io/read-issues';

/**
 * One record of a data set as a reader yields it. Every reader yields all user profiles, then
 * all item profiles, then the events, so a consumer can join events to profiles as they come.
 */
export type DatasetRecord =
  | { kind: 'user'; profile: UserProfile }
  | { kind: 'item'; profile: ItemProfile }
  /** `label` is 0/1 for labelled data sets (impressions, libFM rows) and null for implicit ones. */
  | { kind: 'event'; event: InteractionEvent; label: 0 | 1 | null };

/** A data set opened for streaming. */
export interface DatasetReader {
  /** The data-set kind, e.g. `ml-100k`. */
  readonly name: string;
  /** True when events carry their own 0/1 label, so the protocol samples no negatives. */
  readonly labelled: boolean;
  /** Bad lines met so far; the count is final once `records()` has been consumed. */
  readonly issues: ReadIssues;
  /** Streams the records; each call starts again from the files. */
  records(): AsyncGenerator<DatasetRecord>;
}
