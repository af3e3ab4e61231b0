import type { Ensemble } from './ensemble';
import { GbdtFormatError } from './errors';
import type { FeatureSpec } from './feature-spec';
import type { ObjectiveName } from './objective';
import { checkTree } from './serialization';
import type { Tree } from './tree';

/**
 * Reads an XGBoost model saved with `save_model('model.json')` (the documented
 * JSON schema: learner.gradient_booster.model.trees, each with left_children,
 * right_children, split_indices, split_conditions, default_left,
 * loss_changes, sum_hessian) as a stage-1 ensemble.
 *
 * XGBoost sends `x < split_condition` left, compares in float32 (so the
 * ensemble rounds inputs to float32, `float32Inputs`), stores a leaf's value in
 * its split_condition, and starts from `base_score` given as a probability for
 * logistic objectives (margin = logit(base_score)). A leaf's `nativeLeafId` is
 * its node id, what `predict(pred_leaf=True)` returns. Categorical splits and
 * objectives other than binary:logistic, reg:logistic and reg:squarederror are
 * refused with an error saying so.
 */
export function importXgboostJson(text: string, featureNames?: string[]): Ensemble {
  const model = parse(text);
  const learner = field(model, 'learner', 'model');
  const booster = field(learner, 'gradient_booster', 'learner');
  const boosterName = (booster as { name?: unknown }).name;
  if (boosterName !== undefined && boosterName !== 'gbtree') {
    throw new GbdtFormatError(
      `XGBoost model: booster ${JSON.stringify(boosterName)} is not supported; use gbtree`,
    );
  }
  const trees = field(field(booster, 'model', 'gradient_booster'), 'trees', 'model') as unknown;
  const params = field(learner, 'learner_model_param', 'learner') as Record<string, unknown>;
  const objectiveName = String((field(learner, 'objective', 'learner') as { name?: unknown }).name);
  const objective = objectiveOf(objectiveName);
  const numClass = Number(params.num_class ?? 0);
  if (numClass > 1)
    throw new GbdtFormatError(`XGBoost model: ${numClass} classes; only one output is supported`);

  const baseScore = parseBaseScore(params.base_score);
  const featureCount = Number(params.num_feature);
  const names = featureNames ?? stringList((learner as { feature_names?: unknown }).feature_names);
  const features: FeatureSpec[] = Array.from({ length: featureCount }, (_, f) => ({
    name: names[f] ?? `f${f}`,
    kind: 'numeric',
  }));
  if (!Array.isArray(trees))
    throw new GbdtFormatError('XGBoost model: model.trees must be an array');
  return {
    objective,
    baseMargin: objective === 'logloss' ? Math.log(baseScore / (1 - baseScore)) : baseScore,
    features,
    cuts: features.map(() => new Float64Array(0)),
    trees: (trees as unknown[]).map((tree, t) => convertTree(tree, t, featureCount)),
    float32Inputs: true,
    source: 'xgboost',
  };
}

interface XgbTree {
  left_children: number[];
  right_children: number[];
  split_indices: number[];
  split_conditions: number[];
  default_left: (number | boolean)[];
  loss_changes?: number[];
  sum_hessian?: number[];
  split_type?: number[];
}

function convertTree(raw: unknown, t: number, featureCount: number): Tree {
  const where = `XGBoost model: trees[${t}]`;
  const tree = raw as XgbTree;
  for (const name of [
    'left_children',
    'right_children',
    'split_indices',
    'split_conditions',
    'default_left',
  ]) {
    if (!Array.isArray((raw as Record<string, unknown>)[name]))
      throw new GbdtFormatError(`${where}.${name} must be an array`);
  }
  if (tree.split_type?.some((type) => type !== 0)) {
    throw new GbdtFormatError(
      `${where}: categorical splits are not supported; export with one-hot features`,
    );
  }
  const internal: number[] = [];
  const leaves: number[] = [];
  const ids = new Map<number, number>();
  const visit = (node: number) => {
    if (node < 0 || node >= tree.left_children.length)
      throw new GbdtFormatError(`${where}: child ${node} is out of range`);
    if (tree.left_children[node] === -1) {
      ids.set(node, ~leaves.length);
      leaves.push(node);
      return;
    }
    ids.set(node, internal.length);
    internal.push(node);
    visit(tree.left_children[node]);
    visit(tree.right_children[node]);
  };
  visit(0);
  const gains = tree.loss_changes ?? [];
  const hessians = tree.sum_hessian ?? [];
  const converted: Tree = {
    root: ids.get(0) as number,
    feature: Int32Array.from(internal, (node) => tree.split_indices[node]),
    threshold: Float64Array.from(internal, (node) => tree.split_conditions[node]),
    defaultLeft: Uint8Array.from(internal, (node) => (Number(tree.default_left[node]) ? 1 : 0)),
    left: Int32Array.from(internal, (node) => ids.get(tree.left_children[node]) as number),
    right: Int32Array.from(internal, (node) => ids.get(tree.right_children[node]) as number),
    categorySplit: new Int32Array(internal.length).fill(-1),
    categorySets: [],
    gain: Float64Array.from(internal, (node) => gains[node] ?? 0),
    cover: Float64Array.from(internal, (node) => hessians[node] ?? 0),
    leafValue: Float64Array.from(leaves, (node) => tree.split_conditions[node]),
    leafCover: Float64Array.from(leaves, (node) => hessians[node] ?? 0),
    nativeLeafId: Int32Array.from(leaves),
  };
  checkTree(converted, `trees[${t}]`, featureCount);
  return converted;
}

function objectiveOf(name: string): ObjectiveName {
  if (name === 'binary:logistic' || name === 'reg:logistic') return 'logloss';
  if (name === 'reg:squarederror') return 'squared-error';
  throw new GbdtFormatError(
    `XGBoost model: objective ${name} is not supported; use binary:logistic, reg:logistic or reg:squarederror`,
  );
}

/** base_score is a string such as "5E-1" (1.x) or "[5E-1]" (2.1 and later). */
function parseBaseScore(value: unknown): number {
  const text = String(value ?? '0.5').replace(/^\[|\]$/g, '');
  const score = Number(text);
  if (!Number.isFinite(score))
    throw new GbdtFormatError(`XGBoost model: base_score ${JSON.stringify(value)} is not a number`);
  return score;
}

function parse(text: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (cause) {
    throw new GbdtFormatError('XGBoost model: not JSON; save it with save_model("model.json")', {
      cause,
    });
  }
}

function field(value: unknown, name: string, parent: string): Record<string, unknown> {
  const child = (value as Record<string, unknown> | null)?.[name];
  if (child === undefined || child === null) {
    throw new GbdtFormatError(
      `XGBoost model: ${parent}.${name} is missing; is this an XGBoost JSON model?`,
    );
  }
  return child as Record<string, unknown>;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}
