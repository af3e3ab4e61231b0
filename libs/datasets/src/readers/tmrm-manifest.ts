/**
 * `dataset.json`, the manifest of a data set in tmrm's own JSONL layout (what `tmrm synth`
 * writes): which files hold the profiles and events, and whether the events are labelled
 * impressions (`click` = 1, any other type = 0) rather than implicit positives.
 */
export interface TmrmDatasetManifest {
  format: 'tmrm-dataset';
  version: 1;
  name: string;
  /** True when events are impressions with a label; false when every event is a positive. */
  labelled: boolean;
  /** With `labelled`, the event type that counts as label 1. */
  positiveEventType: 'click';
  files: { users: string; items: string; events: string };
}

export const TMRM_DATASET_MANIFEST: TmrmDatasetManifest = {
  format: 'tmrm-dataset',
  version: 1,
  name: 'tmrm',
  labelled: false,
  positiveEventType: 'click',
  files: { users: 'users.jsonl', items: 'items.jsonl', events: 'events.jsonl' },
};
