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
export { ReadIssues, DatasetFormatError } from './io/read-issues';
export type { ReadIssue, ReadIssuesOptions } from './io/read-issues';
export { readLines } from './io/read-lines';
export type { ReadLinesOptions, TextLine } from './io/read-lines';
export { parseCsvLine, csvCell } from './io/parse-csv-line';
export { LineWriter } from './io/line-writer';
export type { DatasetReader, DatasetRecord } from './readers/dataset-reader';
export { openDataset, DATASET_KINDS } from './readers/open-dataset';
export type { OpenDatasetOptions } from './readers/open-dataset';
export { movieLens100kReader } from './readers/movielens-100k-reader';
export { tmrmJsonlReader } from './readers/tmrm-jsonl-reader';
export { movieLensDatReader } from './readers/movielens-dat-reader';
export { movieLensCsvReader } from './readers/movielens-csv-reader';
export type { MovieLensCsvOptions } from './readers/movielens-csv-reader';
export { hetrecMovieLensReader } from './readers/hetrec-movielens-reader';
export type { HetrecOptions } from './readers/hetrec-movielens-reader';
export { retailRocketReader } from './readers/retailrocket-reader';
export { libfmReader } from './readers/libfm-reader';
export type { LibfmOptions } from './readers/libfm-reader';
export { tableReader } from './readers/table-reader';
export { readTableMapping, checkTableMapping } from './readers/table-mapping';
export type { TableMapping } from './readers/table-mapping';
export { resolveProtocolOptions } from './protocol/protocol-options';
export type {
  NegativeSampling,
  ProtocolOptions,
  ResolvedProtocolOptions,
  SplitMethod,
} from './protocol/protocol-options';
export { collectInteractions } from './protocol/interaction-table';
export type { InteractionTable } from './protocol/interaction-table';
export { NegativeSampler } from './protocol/negative-sampler';
export type { NegativeSamplerOptions } from './protocol/negative-sampler';
export { assignSplits, SPLIT_NAMES } from './protocol/assign-splits';
export { prepareSamples } from './protocol/prepare-samples';
export type { PreparedSamples } from './protocol/prepare-samples';
export { exportDataset } from './export/export-dataset';
export type { ExportDatasetOptions, ExportSummary } from './export/export-dataset';
export type { DatasetMapping } from './export/column-layout';
export { fetchDataset, FetchError } from './fetch/fetch-dataset';
export type { FetchDatasetOptions, FetchResult } from './fetch/fetch-dataset';
export { DATASET_CATALOG } from './fetch/dataset-catalog';
export type { CatalogEntry, ExpectedFile } from './fetch/dataset-catalog';
export { unzipArchive } from './fetch/unzip-archive';
