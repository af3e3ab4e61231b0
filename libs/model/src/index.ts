export {
  selectBackend,
  activeBackend,
  presentBackends,
  useBackend,
} from './backend/select-backend';
export type { BackendName } from './backend/select-backend';
export type { Condition, FeaturePath, DescribeLeaf } from './feature-path';
export { ModelInputError, SnapshotError } from './model-errors';

export { resolveFieldSpecs } from './input/field-spec';
export type {
  FieldSpec,
  CategoricalFieldSpec,
  MultiValuedFieldSpec,
  NumericFieldSpec,
} from './input/field-spec';
export type { Sample } from './input/sample';
export { FeatureEncoder } from './input/feature-encoder';
export type { EncodedBatch, FeatureEncoderState } from './input/feature-encoder';
export { Vocabulary } from './input/vocabulary';

export { matMul, dense } from './layers/dense';
export { fmPart } from './layers/fm-part';
export { linearPart } from './layers/linear-part';
export { mlp } from './layers/mlp';
export type { DenseTensors } from './layers/mlp';
export { poolFields } from './layers/field-pooling';
export { uniqueRows, gatherRows, sumIntoRows } from './layers/embedding-table';

export { sumBceWithLogits, clickLoss } from './losses/bce-with-logits';
export { fullLeafLoss } from './losses/full-leaf-loss';
export { fullLeafHeadLoss, LeafSignScratch } from './layers/full-leaf-head-loss';
export { sampledLeafLoss } from './losses/sampled-leaf-loss';
export { perTreeSoftmaxLoss, treeSoftmaxCrossEntropy } from './losses/per-tree-softmax-loss';
export { combineTaskLosses, effectiveTaskWeights } from './losses/task-weighting';
export type { TaskWeighting } from './losses/task-weighting';

export { Optimizer } from './optim/optimizer';
export type { OptimizerConfig, OptimizerState } from './optim/optimizer';
export { clipScale } from './optim/clip-by-global-norm';

export { network } from './model/network';
export type { NetworkInputs, NetworkOutputs } from './model/network';
export { LeafSpace } from './model/leaf-space';
export type { LeafSpaceSpec, TreeLayout } from './model/leaf-space';
export { resolveModelConfig } from './model/model-config';
export type { ModelConfig, LeafLoss } from './model/model-config';
export { TmrmModel } from './model/tmrm-model';
export type { TmrmModelOptions, ScoredCandidates } from './model/tmrm-model';
export type { BatchLosses } from './model/train-step';
export { profilingSteps, takePhaseTotals } from './model/step-profiler';

export { explainLeaves, mergePaths } from './explain/explain-leaves';
export type { Explanation, ExplanationRanking, ScoredLeaf } from './explain/explain-leaves';

export {
  serializeModel,
  deserializeModel,
  saveModelDirectory,
  loadModelDirectory,
  snapshotFormatVersion,
} from './snapshot/model-snapshot';
export type { SaveOptions, LoadedModel } from './snapshot/model-snapshot';

// ---- Baselines of the paper's comparison (src/baselines; see its README) ----
export { createBaseline, baselineRegistry } from './baselines/create-baseline';
export { baselineNames } from './baselines/baseline-model';
export type {
  BaselineName,
  BaselineModel,
  BaselineLosses,
  BaselineCheckpoint,
  BaselineExplanation,
  BaselineLeafWeight,
} from './baselines/baseline-model';
export type { BaselineOptions } from './baselines/baseline-options';
export { TemModel } from './baselines/tem-model';
export { GbdtCentModel } from './baselines/gbdt-cent-model';
export { ffmPairwise } from './baselines/ffm-part';
