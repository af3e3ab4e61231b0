import type { FeaturePath } from '@tmrm/schemas';

// The contract types (see /work/contracts.md), re-exported so model users need one import.
export type { Condition, FeaturePath } from '@tmrm/schemas';

/** Gives the feature path of a global leaf id; the GBDT provides it. */
export type DescribeLeaf = (leafId: number) => FeaturePath;
