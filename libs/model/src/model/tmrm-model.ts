import * as tf from '@tensorflow/tfjs';
import { ConfigError, TmrmError, silentLogger, type Logger } from '@tmrm/common';
import type { DescribeLeaf } from '../feature-path';
import { FeatureEncoder, type FeatureEncoderState } from '../input/feature-encoder';
import type { Sample } from '../input/sample';
import {
  explainLeaves,
  type Explanation,
  type ExplanationRanking,
} from '../explain/explain-leaves';
import { SeededRandom } from '../maths/random';
import { Optimizer } from '../optim/optimizer';
import { ModelInputError } from '../model-errors';
import { forwardScores } from './forward-scores';
import { initLeafRows, initParameters } from './init-parameters';
import { LeafSpace, type LeafSpaceSpec } from './leaf-space';
import { resolveModelConfig, type ModelConfig } from './model-config';
import type { ModelState } from './model-state';
import type { ParameterStore } from './parameter-store';
import { trainStep, type BatchLosses } from './train-step';

/** Options of {@link TmrmModel.create}: the serialisable config plus process-local parts. */
export interface TmrmModelOptions extends ModelConfig {
  /** Receives lifecycle lines at info and per-batch lines at debug. */
  logger?: Logger;
  /** The GBDT's leaf describer, needed by `explain`. */
  describeLeaf?: DescribeLeaf;
}

/** Scores of a candidate list, with explanations for the best ones. */
export interface ScoredCandidates {
  /** ŷ1 per candidate, in input order. */
  scores: Float32Array;
  /** Candidate indices sorted by score, best first. */
  ranking: number[];
  /** Explanations of the first `explainTop` of `ranking`, in that order. */
  explanations: Explanation[];
}

/**
 * The TMRM multi-task network (or DeepFM when built without a leaf space), trained online on
 * mini-batches. Head 1 predicts the click; head 2 predicts which GBDT leaves the sample
 * activates, and its ranking of the sample's active leaves is the explanation.
 *
 * @example
 * const model = TmrmModel.create({ fields, leafSpace: { treeLeafCounts: [4, 4], version: 'v1' } });
 * const losses = model.trainBatch(samples);          // { loss, clickLoss, leafLoss, ... }
 * const ctr = model.predict(candidates);             // Float32Array of ŷ1
 * const why = model.explain(candidates[0], 3).paths; // FeaturePath[]
 */
export class TmrmModel {
  private describeLeaf: DescribeLeaf | null;
  private readonly logger: Logger;
  private batches = 0;

  private constructor(
    private readonly state: ModelState,
    options: { logger?: Logger; describeLeaf?: DescribeLeaf },
  ) {
    this.logger = (options.logger ?? silentLogger).child({ component: 'model' });
    this.describeLeaf = options.describeLeaf ?? null;
  }

  /** Builds a fresh model; fails at once with a ConfigError naming any bad option. */
  static create(options: TmrmModelOptions): TmrmModel {
    const config = resolveModelConfig(options);
    const encoder = new FeatureEncoder(config.fields);
    const random = new SeededRandom(config.seed);
    const store = initParameters(
      config,
      { rowCount: encoder.rowCount, fieldCount: config.fields.length },
      random,
    );
    const leafCounts = config.leafSpace ? new Float64Array(config.leafSpace.leafCount) : null;
    const optimizer = new Optimizer(config.optimizer);
    const model = new TmrmModel(
      {
        config,
        encoder,
        store,
        optimizer,
        random,
        leafCounts,
        parameterVersion: 0,
        inferenceCache: null,
      },
      options,
    );
    model.logger.info(
      { rows: encoder.rowCount, leaves: config.leafSpace?.leafCount ?? 0 },
      'model created',
    );
    return model;
  }

  /** Rebuilds a model from restored parts (used by snapshot loading). */
  static restore(parts: {
    config: ModelConfig;
    encoderState: FeatureEncoderState;
    store: ParameterStore;
    leafCounts: Float64Array | null;
    randomState: number;
    optimizer: Optimizer;
    logger?: Logger;
    describeLeaf?: DescribeLeaf;
  }): TmrmModel {
    const config = resolveModelConfig(parts.config);
    const encoder = new FeatureEncoder(config.fields, parts.encoderState);
    const random = new SeededRandom(parts.randomState);
    const state = {
      config,
      encoder,
      store: parts.store,
      optimizer: parts.optimizer,
      random,
      leafCounts: parts.leafCounts,
      parameterVersion: 0,
      inferenceCache: null,
    };
    return new TmrmModel(state, parts);
  }

  /** One optimisation step on labelled samples (with leaf ids when head 2 exists). */
  trainBatch(samples: readonly Sample[]): BatchLosses {
    const batch = this.state.encoder.encode(samples, { train: true });
    const losses = trainStep(this.state, batch);
    this.batches++;
    this.logger.debug({ batch: this.batches, size: batch.size, ...losses }, 'batch trained');
    return losses;
  }

  /** ŷ1, the click probability of each sample. Unseen values use their hashed rows. */
  predict(samples: readonly Sample[]): Float32Array {
    const batch = this.state.encoder.encode(samples, { train: false });
    return forwardScores(this.state, batch).clickProbabilities;
  }

  /** The top-K feature paths explaining one sample (which must carry its leaf ids). */
  explain(sample: Sample, topK: number, ranking?: ExplanationRanking): Explanation {
    return this.score([sample], { explainTop: 1, topK, ranking }).explanations[0];
  }

  /**
   * Scores candidates in one forward pass and explains the `explainTop` best: the scoring path
   * of a recommendation request.
   */
  score(
    samples: readonly Sample[],
    options: { explainTop: number; topK: number; ranking?: ExplanationRanking },
  ): ScoredCandidates {
    const batch = this.state.encoder.encode(samples, { train: false });
    const forward = forwardScores(this.state, batch);
    const scores = forward.clickProbabilities;
    const ranking = Array.from(scores.keys()).sort((a, b) => scores[b] - scores[a]);
    const explained = ranking.slice(0, Math.max(0, options.explainTop));
    const explanations = explained.map((index) => {
      const width = forward.head2Width;
      const row = forward.head2Input.subarray(index * width, (index + 1) * width);
      return this.explainRow(samples[index], index, row, options);
    });
    return { scores, ranking, explanations };
  }

  /** Attaches (or replaces) the GBDT's leaf describer, e.g. after a GBDT refresh. */
  setLeafDescriber(describeLeaf: DescribeLeaf): void {
    this.describeLeaf = describeLeaf;
  }

  /**
   * Continued boosting: the new leaf space keeps every old tree and appends new ones, so old
   * leaf ids keep their meaning; head 2 keeps its learned rows and gets fresh rows for the new
   * leaves.
   */
  growLeafSpace(spec: LeafSpaceSpec): void {
    const old = this.requireLeafSpace('growLeafSpace');
    const next = new LeafSpace(spec);
    const oldCounts = old.spec.treeLeafCounts;
    const kept = oldCounts.every((count, t) => next.spec.treeLeafCounts[t] === count);
    if (!kept || next.treeCount < old.treeCount) {
      const fix = 'a rebuilt ensemble needs rebuildLeafSpace with an old->new mapping';
      throw new ConfigError(
        'leafSpace.treeLeafCounts',
        spec.treeLeafCounts,
        'must extend the old trees',
        fix,
      );
    }
    const source = Int32Array.from({ length: next.leafCount }, (_, j) =>
      j < old.leafCount ? j : -1,
    );
    this.replaceLeafSpace(next, source, source);
  }

  /**
   * A rebuilt ensemble: `mapping[oldLeaf]` is the new leaf id that replaces it, or -1. A new
   * leaf takes the mean of the head-2 rows of the old leaves mapped to it; unmapped new
   * leaves, or every leaf when `mapping` is null, are initialised afresh.
   */
  rebuildLeafSpace(spec: LeafSpaceSpec, mapping: Int32Array | null): void {
    const old = this.requireLeafSpace('rebuildLeafSpace');
    const next = new LeafSpace(spec);
    const sources: number[][] = Array.from({ length: next.leafCount }, () => []);
    if (mapping) {
      if (mapping.length !== old.leafCount) {
        const rule = `must have one entry per old leaf (${old.leafCount})`;
        throw new ConfigError('mapping.length', mapping.length, rule);
      }
      mapping.forEach((to, from) => {
        if (to < -1 || to >= next.leafCount || !Number.isInteger(to)) {
          throw new ConfigError(`mapping[${from}]`, to, `must be -1 or in [0, ${next.leafCount})`);
        }
        if (to >= 0) sources[to].push(from);
      });
    }
    this.replaceLeafSpace(
      next,
      Int32Array.from(sources, (list) => (list.length === 1 ? list[0] : -1)),
      sources,
    );
  }

  /** Frees the backend copies kept for fast scoring; the model stays usable. */
  dispose(): void {
    if (this.state.inferenceCache) tf.dispose(this.state.inferenceCache.tensors);
    this.state.inferenceCache = null;
  }

  /** The current leaf space's version string, or null for DeepFM. */
  get leafSpaceVersion(): string | null {
    return this.state.config.leafSpace?.spec.version ?? null;
  }

  /** Training activations per leaf so far (popularity), or null without head 2. */
  get leafActivationCounts(): Float64Array | null {
    return this.state.leafCounts;
  }

  /** Internal state for snapshotting; not part of the stable API. */
  get internals(): ModelState {
    return this.state;
  }

  private explainRow(
    sample: Sample,
    index: number,
    row: Float32Array,
    options: { topK: number; ranking?: ExplanationRanking },
  ): Explanation {
    const topK = options.topK;
    const leafSpace = this.requireLeafSpace('explain');
    if (!this.describeLeaf) {
      const fix = 'pass describeLeaf to TmrmModel.create or call setLeafDescriber';
      throw new TmrmError(`explain: no GBDT leaf describer is attached; ${fix}`);
    }
    if (!sample.leafIds) throw new ModelInputError(`batch[${index}].leafIds`, 'needed to explain');
    leafSpace.check(sample.leafIds, 1);
    return explainLeaves({
      head2Row: row,
      leafIds: sample.leafIds,
      leafHead: this.state.store.get('leafHead').values,
      leafSpace,
      leafLoss: this.state.config.leafLoss,
      topK,
      describeLeaf: this.describeLeaf,
      ranking: options.ranking ?? this.state.config.explanationRanking,
      leafCounts: this.state.leafCounts as Float64Array,
    });
  }

  private requireLeafSpace(operation: string): LeafSpace {
    const leafSpace = this.state.config.leafSpace;
    if (!leafSpace) throw new TmrmError(`${operation}: this model has no head 2 (DeepFM)`);
    return leafSpace;
  }

  /** Swaps in a new leaf space; `optimizerSource[j]` names the old row whose state row j keeps. */
  private replaceLeafSpace(
    next: LeafSpace,
    optimizerSource: Int32Array,
    sources: ArrayLike<number> | number[][],
  ) {
    const state = this.state;
    const head = state.store.get('leafHead');
    const width = head.shape[1];
    const values = new Float32Array(next.leafCount * width);
    const config = { ...state.config, leafSpace: next };
    initLeafRows(values, 0, config, next, state.random);
    const counts = new Float64Array(next.leafCount);
    for (let j = 0; j < next.leafCount; j++) {
      const entry = sources[j];
      const list = typeof entry === 'number' ? (entry >= 0 ? [entry] : []) : entry;
      if (list.length === 0) continue;
      values.fill(0, j * width, (j + 1) * width);
      for (const from of list) {
        for (let c = 0; c < width; c++)
          values[j * width + c] += head.values[from * width + c] / list.length;
        counts[j] += state.leafCounts?.[from] ?? 0;
      }
    }
    head.values = values;
    head.shape = [next.leafCount, width];
    state.optimizer.remapRows(head, optimizerSource);
    state.leafCounts = counts;
    state.config = config;
    state.parameterVersion++;
    this.logger.info({ leaves: next.leafCount, version: next.spec.version }, 'leaf space replaced');
  }
}
