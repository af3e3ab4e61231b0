export { LruStore } from './lru-store';
export type { LruStoreOptions } from './lru-store';
export { ProfileStore } from './profile-store';
export type { ProfileStoreOptions, ProfileStoreStats, ProfileUpdate } from './profile-store';
export { applyProfiles } from './apply-profiles';
export { joinProfiles } from './join-profiles';
export type { JoinProfilesOptions } from './join-profiles';
export { labelEvents, labelFunction, DEFAULT_LABEL_POLICY } from './label-events';
export type { LabelPolicy, PositionedEvent } from './label-events';
export { RecentBehaviour } from './recent-behaviour';
export type { RecentBehaviourOptions, HistoryEntry } from './recent-behaviour';
export { CoOccurrence } from './co-occurrence';
export type { CoOccurrenceOptions } from './co-occurrence';
export {
  featurize,
  featurizeEvent,
  buildSample,
  USER_RECENT_POSITIVES,
  ITEM_RECENT_POPULARITY,
} from './featurize';
export type { FeaturizeOptions, SampleInput } from './featurize';
export { sampleNegatives } from './sample-negatives';
export type { SampleNegativesOptions } from './sample-negatives';
export { miniBatch } from './mini-batch';
export type { MiniBatchOptions } from './mini-batch';
export { rollingMetrics } from './rolling-metrics';
export type { RollingMetrics, RollingMetricsOptions } from './rolling-metrics';
export { areaUnderRoc, logLoss } from './metrics';
export { generateCandidates } from './generate-candidates';
export type { GenerateCandidatesOptions } from './generate-candidates';
export type {
  FeaturizedEvent,
  FieldValue,
  JoinedEvent,
  LabelledEvent,
  RecordPosition,
  Sample,
  ScoredBatch,
} from './types';
export { trainStep } from './train-step';
export { OnlineTrainer } from './online-trainer';
export type { OnlineTrainerOptions, TrainReport } from './online-trainer';
export { LeafEncoding } from './leaf-encoding';
export type { GbdtSettings, RefreshMode } from './leaf-encoding';
export { leafPaths, INDICATOR_SEPARATOR } from './leaf-paths';
export { inferModelFields } from './model-fields';
export {
  encodeCheckpoint,
  decodeCheckpoint,
  partitionKey,
  CheckpointError,
  compareCheckpoints,
  peekCheckpointHeader,
  CHECKPOINT_FORMAT,
  CHECKPOINT_VERSION,
} from './checkpoint';
export type { Checkpoint, CheckpointHeader } from './checkpoint';
export { BEHAVIOUR_STATE_VERSION } from './behaviour-state';
export type { BehaviourState } from './behaviour-state';
export { ScoringModel } from './scoring-model';
export type { RankedCandidate } from './scoring-model';
export { RollingWindow } from './rolling-metrics';
export {
  chunkSnapshot,
  chunkKey,
  SnapshotAssembler,
  CorruptSnapshotError,
} from './snapshot-chunks';
export type { ChunkSnapshotOptions } from './snapshot-chunks';
export { CheckpointFolder } from './checkpoint-folder';
export type { CheckpointFolderOptions } from './checkpoint-folder';
export { followTopics } from './kafka/follow-topics';
export { followProfiles } from './kafka/follow-profiles';
export type { FollowTopicsOptions, TopicFollower } from './kafka/follow-topics';
export { publishSnapshot, decodeChunk } from './kafka/models-topic';
export type { ChunkId, PublishSnapshotOptions } from './kafka/models-topic';
export { latestSnapshot } from './kafka/latest-snapshot';
export { newestCheckpoint, checkpointsNewestFirst } from './kafka/newest-checkpoint';
export type { NewestCheckpointOptions } from './kafka/newest-checkpoint';
export { EpochWatch } from './kafka/epoch-watch';
export type { WatchEpochsOptions, Writer } from './kafka/epoch-watch';
export { requestLease } from './kafka/lease';
export { runConsumer } from './kafka/run-consumer';
export type { RunConsumerOptions } from './kafka/run-consumer';
export type { Lease } from './kafka/lease';
export { TrainerRuntime } from './kafka/trainer-runtime';
export type { TrainerRuntimeOptions, TrainerStatus, TrainerTopics } from './kafka/trainer-runtime';
export { ScorerRuntime } from './kafka/scorer-runtime';
export type {
  ScorerLatency,
  ScorerRuntimeOptions,
  ScorerStatus,
  ScorerTopics,
} from './kafka/scorer-runtime';
export { publishEvents, publishProfiles, syntheticEvents } from './kafka/publish-synthetic';
export { startStatusServer } from './app/status-server';
export type { StatusServerOptions } from './app/status-server';
export { OptionReader } from './app/read-options';
export { parseAppFlags } from './app/parse-app-flags';
export { prepareApp } from './app/prepare-app';
export { appMetrics } from './app/app-metrics';
export { untilSignal } from './app/until-signal';
export { runAppMain } from './app/run-app-main';
export { topicNames } from './app/topic-names';
