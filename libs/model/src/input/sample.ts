/**
 * One field-structured sample (see /work/contracts.md, "Model input"). `fields` always holds
 * `user_id` and `item_id`; `leafIds` are the sample's T global GBDT leaf ids, one per tree,
 * needed to train head 2 and to explain; `label` is the click (0 or 1), needed to train.
 */
export interface Sample {
  fields: Record<string, string | number | string[]>;
  leafIds?: Int32Array;
  label?: number;
}
