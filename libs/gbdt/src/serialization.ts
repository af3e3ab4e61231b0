import type { Ensemble } from './ensemble';
import { GbdtFormatError } from './errors';
import type { FeatureSpec } from './feature-spec';
import type { Tree } from './tree';

export const GBDT_FORMAT = 'tmrm-gbdt';
export const GBDT_FORMAT_VERSION = 1;

/**
 * An ensemble as self-describing JSON: format name and version, objective, base
 * margin, features (name, kind, category labels, cuts) and trees as arrays.
 *
 * Numbers round-trip bit for bit: JSON's shortest decimal form parses back to
 * the same double, and the values JSON cannot hold (-0, ±Infinity, NaN) are
 * written as strings ("-0", "Infinity").
 */
export function ensembleToJson(ensemble: Ensemble): unknown {
  return {
    format: GBDT_FORMAT,
    version: GBDT_FORMAT_VERSION,
    objective: ensemble.objective,
    baseMargin: encodeNumber(ensemble.baseMargin),
    source: ensemble.source,
    float32Inputs: ensemble.float32Inputs,
    features: ensemble.features.map((feature, f) => ({
      name: feature.name,
      kind: feature.kind,
      ...(feature.categories ? { categories: feature.categories } : {}),
      ...(feature.integer !== undefined ? { integer: feature.integer } : {}),
      ...(feature.hasMissing !== undefined ? { hasMissing: feature.hasMissing } : {}),
      cuts: numbers(ensemble.cuts[f] ?? []),
    })),
    trees: ensemble.trees.map((tree) => ({
      root: tree.root,
      feature: Array.from(tree.feature),
      threshold: numbers(tree.threshold),
      defaultLeft: Array.from(tree.defaultLeft),
      left: Array.from(tree.left),
      right: Array.from(tree.right),
      categorySplit: Array.from(tree.categorySplit),
      categorySets: tree.categorySets.map((set) => Array.from(set)),
      gain: numbers(tree.gain),
      cover: numbers(tree.cover),
      leafValue: numbers(tree.leafValue),
      leafCover: numbers(tree.leafCover),
      ...(tree.nativeLeafId ? { nativeLeafId: Array.from(tree.nativeLeafId) } : {}),
    })),
  };
}

/** `ensembleToJson` as a string. */
export function saveEnsemble(ensemble: Ensemble): string {
  return JSON.stringify(ensembleToJson(ensemble));
}

/** Parses and checks a saved ensemble; another format or version fails (`GbdtFormatError`). */
export function loadEnsemble(text: string): Ensemble {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new GbdtFormatError('GBDT model: not JSON; expected a file written by saveEnsemble', {
      cause,
    });
  }
  return ensembleFromJson(json);
}

export function ensembleFromJson(json: unknown): Ensemble {
  const root = object(json, 'model');
  if (root.format !== GBDT_FORMAT) {
    throw new GbdtFormatError(
      `GBDT model: format ${JSON.stringify(root.format)} is not ${GBDT_FORMAT}; ` +
        'import XGBoost or LightGBM files with importXgboostJson / importLightgbmText',
    );
  }
  if (root.version !== GBDT_FORMAT_VERSION) {
    throw new GbdtFormatError(
      `GBDT model: ${GBDT_FORMAT} version ${JSON.stringify(root.version)} is not supported; ` +
        `this build reads version ${GBDT_FORMAT_VERSION}`,
    );
  }
  if (root.objective !== 'logloss' && root.objective !== 'squared-error') {
    throw new GbdtFormatError(`GBDT model: objective ${JSON.stringify(root.objective)} is unknown`);
  }
  const features = array(root.features, 'features').map((entry, f) => readFeature(entry, f));
  const trees = array(root.trees, 'trees').map((entry, t) => readTree(entry, t, features.length));
  return {
    objective: root.objective,
    baseMargin: decodeNumber(root.baseMargin, 'baseMargin'),
    features: features.map(({ spec }) => spec),
    cuts: features.map(({ cuts }) => cuts),
    trees,
    float32Inputs: root.float32Inputs === true,
    source: root.source === 'xgboost' || root.source === 'lightgbm' ? root.source : 'tmrm',
  };
}

function readFeature(entry: unknown, f: number): { spec: FeatureSpec; cuts: Float64Array } {
  const where = `features[${f}]`;
  const raw = object(entry, where);
  if (typeof raw.name !== 'string')
    throw new GbdtFormatError(`GBDT model: ${where}.name must be a string`);
  if (raw.kind !== 'numeric' && raw.kind !== 'categorical') {
    throw new GbdtFormatError(`GBDT model: ${where}.kind must be "numeric" or "categorical"`);
  }
  const spec: FeatureSpec = { name: raw.name, kind: raw.kind };
  if (raw.kind === 'categorical') {
    spec.categories = array(raw.categories ?? [], `${where}.categories`).map(String);
  }
  if (raw.integer !== undefined) spec.integer = raw.integer === true;
  if (raw.hasMissing !== undefined) spec.hasMissing = raw.hasMissing === true;
  return {
    spec,
    cuts: Float64Array.from(array(raw.cuts ?? [], `${where}.cuts`), (v) =>
      decodeNumber(v, `${where}.cuts`),
    ),
  };
}

function readTree(entry: unknown, t: number, featureCount: number): Tree {
  const where = `trees[${t}]`;
  const raw = object(entry, where);
  const ints = (name: string) =>
    Int32Array.from(array(raw[name], `${where}.${name}`), (v) => integer(v, `${where}.${name}`));
  const doubles = (name: string) =>
    Float64Array.from(array(raw[name], `${where}.${name}`), (v) =>
      decodeNumber(v, `${where}.${name}`),
    );
  const tree: Tree = {
    root: integer(raw.root, `${where}.root`),
    feature: ints('feature'),
    threshold: doubles('threshold'),
    defaultLeft: Uint8Array.from(ints('defaultLeft')),
    left: ints('left'),
    right: ints('right'),
    categorySplit: ints('categorySplit'),
    categorySets: array(raw.categorySets, `${where}.categorySets`).map((set, s) =>
      Uint32Array.from(array(set, `${where}.categorySets[${s}]`), (v) =>
        integer(v, `${where}.categorySets`),
      ),
    ),
    gain: doubles('gain'),
    cover: doubles('cover'),
    leafValue: doubles('leafValue'),
    leafCover: doubles('leafCover'),
  };
  if (raw.nativeLeafId !== undefined) tree.nativeLeafId = ints('nativeLeafId');
  checkTree(tree, where, featureCount);
  return tree;
}

/** Every reference in a tree points at something that exists; each node and leaf is seen once. */
export function checkTree(tree: Tree, where: string, featureCount: number): void {
  const nodes = tree.feature.length;
  const leaves = tree.leafValue.length;
  const fail = (rule: string) => {
    throw new GbdtFormatError(`GBDT model: ${where}: ${rule}`);
  };
  for (const [name, length] of [
    ['threshold', tree.threshold.length],
    ['defaultLeft', tree.defaultLeft.length],
    ['left', tree.left.length],
    ['right', tree.right.length],
    ['categorySplit', tree.categorySplit.length],
    ['gain', tree.gain.length],
    ['cover', tree.cover.length],
  ] as const) {
    if (length !== nodes) fail(`${name} has ${length} entries for ${nodes} nodes`);
  }
  if (tree.leafCover.length !== leaves)
    fail(`leafCover has ${tree.leafCover.length} entries for ${leaves} leaves`);
  if (tree.nativeLeafId && tree.nativeLeafId.length !== leaves)
    fail('nativeLeafId needs one entry per leaf');
  const seenNodes = new Uint8Array(nodes);
  const seenLeaves = new Uint8Array(leaves);
  const stack = [tree.root];
  while (stack.length > 0) {
    const node = stack.pop() as number;
    if (node < 0) {
      if (~node >= leaves || seenLeaves[~node])
        fail(`leaf ${~node} is out of range or reached twice`);
      seenLeaves[~node] = 1;
      continue;
    }
    if (node >= nodes || seenNodes[node]) fail(`node ${node} is out of range or reached twice`);
    seenNodes[node] = 1;
    if (tree.feature[node] < 0 || tree.feature[node] >= featureCount)
      fail(`node ${node} splits on unknown feature ${tree.feature[node]}`);
    const set = tree.categorySplit[node];
    if (set >= tree.categorySets.length) fail(`node ${node} refers to missing category set ${set}`);
    stack.push(tree.right[node], tree.left[node]);
  }
  if (seenLeaves.includes(0)) fail('some leaves are not reachable from the root');
  if (seenNodes.includes(0)) fail('some nodes are not reachable from the root');
}

function encodeNumber(value: number): number | string {
  if (Object.is(value, -0) || !Number.isFinite(value))
    return Object.is(value, -0) ? '-0' : String(value);
  return value;
}

function numbers(values: ArrayLike<number>): (number | string)[] {
  return Array.from(values, encodeNumber);
}

function decodeNumber(value: unknown, where: string): number {
  if (typeof value === 'number') return value;
  if (value === '-0' || value === 'Infinity' || value === '-Infinity' || value === 'NaN')
    return Number(value);
  throw new GbdtFormatError(`GBDT model: ${where} holds ${JSON.stringify(value)}, not a number`);
}

function integer(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new GbdtFormatError(
      `GBDT model: ${where} holds ${JSON.stringify(value)}, not an integer`,
    );
  }
  return value;
}

function object(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new GbdtFormatError(`GBDT model: ${where} must be an object`);
  }
  return value as Record<string, unknown>;
}

function array(value: unknown, where: string): unknown[] {
  if (!Array.isArray(value)) throw new GbdtFormatError(`GBDT model: ${where} must be an array`);
  return value;
}
