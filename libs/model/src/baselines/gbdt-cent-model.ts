import { ConfigError } from '@tmrm/common';
import {
  encodeLeaves,
  featureSpecs,
  matrixFromRecords,
  trainGbdt,
  type Ensemble,
  type FeatureMatrix,
  type FeatureSpec,
} from '@tmrm/gbdt';
import type { Sample } from '../input/sample';
import { ModelInputError } from '../model-errors';
import type { BaselineCheckpoint, BaselineLosses, BaselineModel } from './baseline-model';
import { positiveInteger, resolveBaselineOptions, type BaselineOptions } from './baseline-options';
import { createFmModel } from './fm-model';

/** The numerical trees of one categorical value, with their Newton-step leaf values. */
interface ValueTrees {
  ensembles: Ensemble[];
  leafValues: Float64Array[];
}

/**
 * GBDT-CENT, after GB-CENT (Zhao, Shi and Hong, WWW 2017): a categorical embedding part
 * (CENT) plus numerical trees (NT) that belong to categorical values.
 *  - CENT: a factorization machine over the categorical and multi-valued fields only (biases
 *    plus pairwise embedding interactions), trained online by `trainBatch`.
 *  - NT: every value of a `treeFields` field (default user_id and item_id) seen in at least
 *    `minTreeSupport` training samples gets its own small trees over the numeric fields, fitted
 *    by `fitTrees` on the samples having that value, by gradient boosting from CENT's logits:
 *    each round, for each value, a libs/gbdt tree is grown on the log-loss gradient y − p
 *    (squared error) and its leaves get the Newton step lr · Σ(y − p) / (Σ p(1 − p) + 1).
 *  - Prediction: σ(CENT logit + Σ over the sample's tree-owning values of their trees).
 * Where it differs from the paper: the paper alternates between CENT and tree growth and
 * grows trees for every categorical feature with enough support, choosing values greedily by
 * loss reduction; here CENT is trained first and frozen for the trees, which are grown once,
 * for the listed fields only, in a fixed number of rounds; trees after that stay fixed while
 * further `trainBatch` calls move CENT only.
 */
export class GbdtCentModel implements BaselineModel {
  readonly name = 'gbdt-cent' as const;
  private readonly cent;
  private readonly numeric: FeatureSpec[];
  private readonly treeFields: string[];
  private readonly settings: { support: number; rounds: number; depth: number; rate: number };
  private trees = new Map<string, ValueTrees>();

  constructor(private readonly options: BaselineOptions) {
    const resolved = resolveBaselineOptions(options);
    this.numeric = featureSpecs(
      resolved.fields.filter((field) => field.kind === 'numeric').map((field) => field.name),
    );
    this.treeFields = options.treeFields ?? ['user_id', 'item_id'];
    this.treeFields.forEach((name, i) => {
      const spec = resolved.fields.find((field) => field.name === name);
      if (!spec || spec.kind !== 'categorical') {
        throw new ConfigError(`treeFields[${i}]`, name, 'must name a categorical field');
      }
    });
    this.settings = {
      support: options.minTreeSupport ?? 50,
      rounds: options.treeRounds ?? 2,
      depth: options.treeDepth ?? 3,
      rate: options.treeLearningRate ?? 0.5,
    };
    positiveInteger('minTreeSupport', this.settings.support);
    positiveInteger('treeRounds', this.settings.rounds);
    positiveInteger('treeDepth', this.settings.depth);
    if (!(this.settings.rate > 0)) {
      throw new ConfigError('treeLearningRate', this.settings.rate, 'must be > 0');
    }
    const categorical = options.fields.filter((field) => field.kind !== 'numeric');
    this.cent = createFmModel({ ...options, fields: categorical });
  }

  trainBatch(samples: readonly Sample[]): BaselineLosses {
    return this.cent.trainBatch(samples);
  }

  predict(samples: readonly Sample[]): Float32Array {
    const logits = this.cent.predictLogits(samples);
    const margins = Float64Array.from(logits);
    this.addTreeMargins(samples, margins);
    return Float32Array.from(margins, (m) => 1 / (1 + Math.exp(-m)));
  }

  /** Grows the numerical trees on labelled samples, from the current CENT (see the class). */
  async fitTrees(samples: readonly Sample[]): Promise<void> {
    const labels = Float64Array.from(samples, (sample, b) => {
      if (sample?.label !== 0 && sample?.label !== 1) {
        throw new ModelInputError(`samples[${b}].label`, 'fitTrees needs 0/1 labels');
      }
      return sample.label;
    });
    this.trees = new Map();
    if (this.numeric.length === 0) return;
    const margins = Float64Array.from(this.cent.predictLogits(samples));
    const groups = [...this.valueGroups(samples)].filter(
      ([, rows]) => rows.length >= this.settings.support,
    );
    const matrix = this.numericMatrix(samples);
    for (let round = 0; round < this.settings.rounds; round++) {
      for (const [key, rows] of groups) {
        const tree = await this.fitValueTree(subMatrix(matrix, rows), rows, labels, margins);
        if (!tree) continue;
        const trees = this.trees.get(key) ?? { ensembles: [], leafValues: [] };
        trees.ensembles.push(tree.ensemble);
        trees.leafValues.push(tree.leafValues);
        this.trees.set(key, trees);
      }
    }
  }

  /** Number of categorical values that own trees, and the trees in all. */
  get treeCounts(): { values: number; trees: number } {
    let trees = 0;
    for (const value of this.trees.values()) trees += value.ensembles.length;
    return { values: this.trees.size, trees };
  }

  checkpoint(): BaselineCheckpoint {
    return { model: this.name, state: { cent: this.cent.checkpoint(), trees: this.trees } };
  }

  restore(checkpoint: BaselineCheckpoint): void {
    if (checkpoint?.model !== this.name) {
      throw new ModelInputError('checkpoint.model', 'must be a gbdt-cent checkpoint');
    }
    const state = checkpoint.state as { cent: BaselineCheckpoint; trees: Map<string, ValueTrees> };
    this.cent.restore(state.cent);
    this.trees = state.trees;
  }

  dispose(): void {
    this.cent.dispose();
    this.trees = new Map();
  }

  private async fitValueTree(
    matrix: FeatureMatrix,
    rows: number[],
    labels: Float64Array,
    margins: Float64Array,
  ) {
    const gradient = new Float64Array(rows.length);
    const hessian = new Float64Array(rows.length);
    rows.forEach((row, i) => {
      const p = 1 / (1 + Math.exp(-margins[row]));
      gradient[i] = labels[row] - p;
      hessian[i] = p * (1 - p);
    });
    const { ensemble } = await trainGbdt(
      { ...matrix, labels: gradient },
      {
        objective: 'squared-error',
        trees: 1,
        learningRate: 1,
        maxDepth: this.settings.depth,
        minChildWeight: 5,
        maxBins: 32,
        seed: this.options.seed ?? 1,
      },
    );
    const leafCount = ensemble.trees[0].leafValue.length;
    if (leafCount < 2) return null;
    const leaves = encodeLeaves(ensemble, matrix);
    const sums = new Float64Array(leafCount);
    const curvature = new Float64Array(leafCount);
    leaves.forEach((leaf, i) => {
      sums[leaf] += gradient[i];
      curvature[leaf] += hessian[i];
    });
    // Newton step of the log-loss for the margins of the leaf's rows: Σ(y − p) / (Σ p(1−p) + λ).
    const leafValues = sums.map((sum, j) => (this.settings.rate * sum) / (curvature[j] + 1));
    leaves.forEach((leaf, i) => (margins[rows[i]] += leafValues[leaf]));
    return { ensemble, leafValues };
  }

  private addTreeMargins(samples: readonly Sample[], margins: Float64Array): void {
    if (this.trees.size === 0) return;
    const groups = [...this.valueGroups(samples)].filter(([key]) => this.trees.has(key));
    if (groups.length === 0) return;
    const matrix = this.numericMatrix(samples);
    for (const [key, rows] of groups) {
      const trees = this.trees.get(key) as ValueTrees;
      const sub = subMatrix(matrix, rows);
      trees.ensembles.forEach((ensemble, e) => {
        const leaves = encodeLeaves(ensemble, sub);
        leaves.forEach((leaf, i) => (margins[rows[i]] += trees.leafValues[e][leaf]));
      });
    }
  }

  /** Sample rows by tree-owning key `field=value`. */
  private valueGroups(samples: readonly Sample[]): Map<string, number[]> {
    const groups = new Map<string, number[]>();
    samples.forEach((sample, row) => {
      for (const field of this.treeFields) {
        const value = sample.fields?.[field];
        if (value === undefined || value === null || Array.isArray(value)) continue;
        const key = `${field}=${String(value)}`;
        const rows = groups.get(key);
        if (rows) rows.push(row);
        else groups.set(key, [row]);
      }
    });
    return groups;
  }

  private numericMatrix(samples: readonly Sample[]): FeatureMatrix {
    const records = samples.map((sample) => {
      const record: Record<string, number | string | null> = {};
      for (const feature of this.numeric) {
        const raw = sample.fields?.[feature.name];
        record[feature.name] = typeof raw === 'number' || typeof raw === 'string' ? raw : null;
      }
      return record;
    });
    return matrixFromRecords(this.numeric, records);
  }
}

/** Builds a GBDT-CENT model; see {@link GbdtCentModel}. */
export function createGbdtCentModel(options: BaselineOptions): GbdtCentModel {
  return new GbdtCentModel(options);
}

function subMatrix(matrix: FeatureMatrix, rows: number[]): FeatureMatrix {
  return {
    features: matrix.features,
    columns: matrix.columns.map((column) => Float64Array.from(rows, (row) => column[row])),
    rowCount: rows.length,
  };
}
