export type {
  Condition,
  EventType,
  Features,
  InteractionEvent,
  ItemProfile,
  UserProfile,
} from './records';
export { emptyFeatures } from './records';
export { SeededRandom } from './random/seeded-random';
export { WeightedSampler } from './random/weighted-sampler';
export { compileCondition, renderConditions } from './synthetic/compile-condition';
export type { ConditionTest, FlatFeatures } from './synthetic/compile-condition';
export { DEFAULT_PLANTED_CROSSES } from './synthetic/planted-crosses';
export type { PlantedCross } from './synthetic/planted-crosses';
export { resolveSyntheticOptions } from './synthetic/synthetic-options';
export type { SyntheticOptions } from './synthetic/synthetic-options';
export { createSyntheticDataset, WEEKDAYS } from './synthetic/synthetic-dataset';
export type {
  SyntheticDataset,
  SyntheticSample,
  SyntheticTruth,
} from './synthetic/synthetic-dataset';
export { writeSyntheticDataset } from './synthetic/write-synthetic-dataset';
export type {
  WriteSyntheticOptions,
  WriteSyntheticSummary,
} from './synthetic/write-synthetic-dataset';
export { TMRM_DATASET_MANIFEST } from './readers/tmrm-manifest';
export type { TmrmDatasetManifest } from './readers/tmrm-manifest';
