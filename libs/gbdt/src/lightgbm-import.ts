import type { Ensemble } from './ensemble';
import { GbdtFormatError } from './errors';
import type { FeatureSpec } from './feature-spec';
import type { ObjectiveName } from './objective';
import { checkTree } from './serialization';
import type { Tree } from './tree';

/**
 * Reads a LightGBM text model (`save_model('model.txt')`) as a stage-1 ensemble.
 *
 * LightGBM numbers a tree's internal nodes from 0 and writes a child as `~leaf`
 * when it is a leaf, which is this library's convention, so leaf indices are
 * LightGBM's own (`predict(pred_leaf=True)`). `decision_type` holds three
 * fields: bit 0 categorical, bit 1 default-left, bits 2-3 the missing type
 * (0 none: NaN is read as 0; 2 NaN: NaN takes the default side; 1 zero: zero
 * and NaN take the default side, which this library cannot express and refuses).
 *
 * A numeric split sends `x <= threshold` left; stored as `x < nextUp(threshold)`,
 * the same test on doubles. A categorical split sends integer values found in
 * its bitset left and everything else, NaN and negatives included, right.
 * Prediction is the sum of leaf values (the initial score is inside the first
 * tree); for `binary sigmoid:s` the margin is s times that sum, so leaf values
 * are scaled by s.
 */
export function importLightgbmText(text: string): Ensemble {
  const blocks = text.split(/\r?\n\r?\n+/);
  const header = keyValues(blocks[0]);
  if (header.get('tree') === undefined && !blocks[0].startsWith('tree')) {
    throw new GbdtFormatError(
      'LightGBM model: the file does not start with "tree"; save it with save_model',
    );
  }
  const numClass = Number(header.get('num_class') ?? 1);
  if (numClass !== 1)
    throw new GbdtFormatError(
      `LightGBM model: num_class=${numClass}; only one output is supported`,
    );
  const { objective, scale } = objectiveOf(header.get('objective') ?? '');
  const names = (header.get('feature_names') ?? '').split(' ').filter(Boolean);
  const infos = (header.get('feature_infos') ?? '').split(' ');
  const featureCount = Number(header.get('max_feature_idx') ?? names.length - 1) + 1;
  const features: FeatureSpec[] = Array.from({ length: featureCount }, (_, f) => {
    const info = infos[f] ?? '';
    const categorical = info !== '' && info !== 'none' && !info.startsWith('[');
    const name = names[f] ?? `Column_${f}`;
    if (!categorical) return { name, kind: 'numeric' };
    const maxCode = Math.max(...info.split(':').map(Number));
    return {
      name,
      kind: 'categorical',
      categories: Array.from({ length: maxCode + 1 }, (_, c) => String(c)),
    };
  });

  const trees = blocks
    .filter((block) => block.startsWith('Tree='))
    .map((block) =>
      convertTree(keyValues(block), block.slice(5, block.indexOf('\n')), scale, featureCount),
    );
  if (trees.length === 0) throw new GbdtFormatError('LightGBM model: no "Tree=" sections found');
  return {
    objective,
    baseMargin: 0,
    features,
    cuts: features.map(() => new Float64Array(0)),
    trees,
    float32Inputs: false,
    source: 'lightgbm',
  };
}

function convertTree(
  values: Map<string, string>,
  id: string,
  scale: number,
  featureCount: number,
): Tree {
  const where = `LightGBM model: Tree=${id}`;
  const numbers = (key: string, required = true): number[] => {
    const raw = values.get(key);
    if (raw === undefined) {
      if (required) throw new GbdtFormatError(`${where}: ${key} is missing`);
      return [];
    }
    return raw.split(' ').filter(Boolean).map(Number);
  };
  const leafCount = Number(values.get('num_leaves'));
  if (!(leafCount >= 1)) throw new GbdtFormatError(`${where}: num_leaves must be >= 1`);
  const leafValue = Float64Array.from(numbers('leaf_value'), (value) => value * scale);
  if (leafCount === 1) return singleLeaf(leafValue[0]);

  const feature = Int32Array.from(numbers('split_feature'));
  const threshold = numbers('threshold');
  const decision = numbers('decision_type');
  const catBoundaries = numbers('cat_boundaries', false);
  const catThreshold = numbers('cat_threshold', false);
  const nodes = leafCount - 1;
  const tree: Tree = {
    root: 0,
    feature,
    threshold: new Float64Array(nodes),
    defaultLeft: new Uint8Array(nodes),
    left: Int32Array.from(numbers('left_child')),
    right: Int32Array.from(numbers('right_child')),
    categorySplit: new Int32Array(nodes).fill(-1),
    categorySets: [],
    gain: Float64Array.from(numbers('split_gain', false).slice(0, nodes)),
    cover: Float64Array.from(numbers('internal_weight', false).slice(0, nodes)),
    leafValue,
    leafCover: Float64Array.from(numbers('leaf_weight', false).slice(0, leafCount)),
    nativeLeafId: Int32Array.from({ length: leafCount }, (_, leaf) => leaf),
  };
  if (tree.gain.length < nodes) tree.gain = new Float64Array(nodes);
  if (tree.cover.length < nodes) tree.cover = new Float64Array(nodes);
  if (tree.leafCover.length < leafCount) tree.leafCover = new Float64Array(leafCount);
  for (let node = 0; node < nodes; node++) {
    const type = decision[node];
    const missingType = (type >> 2) & 3;
    if ((type & 1) === 1) {
      const index = threshold[node];
      const words = catThreshold.slice(catBoundaries[index], catBoundaries[index + 1]);
      tree.categorySplit[node] = tree.categorySets.length;
      tree.categorySets.push(Uint32Array.from(words));
      tree.defaultLeft[node] = 0;
      continue;
    }
    if (missingType === 1) {
      throw new GbdtFormatError(
        `${where}: node ${node} treats zero as missing (zero_as_missing), not supported`,
      );
    }
    tree.threshold[node] = nextUp(threshold[node]);
    tree.defaultLeft[node] = missingType === 0 ? (0 <= threshold[node] ? 1 : 0) : (type >> 1) & 1;
  }
  checkTree(tree, `Tree=${id}`, featureCount);
  return tree;
}

function singleLeaf(value: number): Tree {
  return {
    root: ~0,
    feature: new Int32Array(0),
    threshold: new Float64Array(0),
    defaultLeft: new Uint8Array(0),
    left: new Int32Array(0),
    right: new Int32Array(0),
    categorySplit: new Int32Array(0),
    categorySets: [],
    gain: new Float64Array(0),
    cover: new Float64Array(0),
    leafValue: Float64Array.of(value),
    leafCover: new Float64Array(1),
    nativeLeafId: Int32Array.of(0),
  };
}

function objectiveOf(text: string): { objective: ObjectiveName; scale: number } {
  const [name, ...parameters] = text.split(' ');
  if (name === 'binary') {
    const sigmoid = parameters.find((p) => p.startsWith('sigmoid:'));
    return { objective: 'logloss', scale: sigmoid ? Number(sigmoid.slice(8)) : 1 };
  }
  if (name === 'regression' || name === 'regression_l2')
    return { objective: 'squared-error', scale: 1 };
  throw new GbdtFormatError(
    `LightGBM model: objective "${text}" is not supported; use binary or regression`,
  );
}

/** The smallest double above `value`: `x <= t` equals `x < nextUp(t)` for every double x. */
export function nextUp(value: number): number {
  if (value !== value || value === Infinity) return value;
  if (value === 0) return Number.MIN_VALUE;
  const bits = new Float64Array([value]);
  const integer = new BigInt64Array(bits.buffer);
  integer[0] += value > 0 ? 1n : -1n;
  return bits[0];
}

function keyValues(block: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of block.split(/\r?\n/)) {
    const at = line.indexOf('=');
    if (at > 0) values.set(line.slice(0, at), line.slice(at + 1));
    else if (line.trim() !== '') values.set(line.trim(), '');
  }
  return values;
}
