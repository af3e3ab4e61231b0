import type { Logger } from '@tmrm/common';
import { deserializeModel, type TmrmModel } from '@tmrm/model';
import type { FeaturePath } from '@tmrm/schemas';
import { decodeCheckpoint, type CheckpointHeader } from './checkpoint';
import { LeafEncoding } from './leaf-encoding';
import type { Sample } from './types';

/** One ranked candidate with its explanation. */
export interface RankedCandidate {
  index: number;
  score: number;
  explanation: FeaturePath[];
}

/**
 * A trained model as the scorer holds it: the network and the GBDT of one checkpoint, read
 * only. Built in full from the checkpoint's bytes before it replaces the serving model, so a
 * swap is a single reference assignment between two requests.
 */
export class ScoringModel {
  private constructor(
    readonly header: CheckpointHeader,
    readonly encoding: LeafEncoding,
    private readonly model: TmrmModel,
  ) {}

  /** Loads checkpoint bytes; throws (CheckpointError, SnapshotError) on anything corrupt. */
  static fromBytes(bytes: Buffer, logger?: Logger): ScoringModel {
    const checkpoint = decodeCheckpoint(bytes);
    const loaded = deserializeModel(checkpoint.modelBytes, { logger });
    if (!loaded.gbdt)
      throw new Error(`checkpoint ${checkpoint.header.snapshotVersion} holds no GBDT`);
    const encoding = LeafEncoding.fromBytes(checkpoint.header.leafEncodingVersion, loaded.gbdt);
    loaded.model.setLeafDescriber(encoding.describeLeaf);
    return new ScoringModel(checkpoint.header, encoding, loaded.model);
  }

  get version(): string {
    return this.header.snapshotVersion;
  }

  /** Click probabilities of samples (leaf-encoded here). */
  predict(samples: Sample[]): Float32Array {
    this.encoding.encode(samples);
    return this.model.predict(samples);
  }

  /**
   * Scores candidates in one forward pass and returns the best `k`, each with the top
   * `pathsPerItem` feature paths of head 2 among the leaves the sample activates.
   */
  rank(samples: Sample[], k: number, pathsPerItem: number): RankedCandidate[] {
    if (samples.length === 0) return [];
    this.encoding.encode(samples);
    const scored = this.model.score(samples, { explainTop: k, topK: pathsPerItem });
    return scored.ranking.slice(0, k).map((index, position) => ({
      index,
      score: scored.scores[index],
      explanation: scored.explanations[position].paths,
    }));
  }
}
