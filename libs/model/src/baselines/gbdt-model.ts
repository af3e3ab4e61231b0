import { ConfigError } from '@tmrm/common';
import { leafOffsets } from '@tmrm/gbdt';
import type { Sample } from '../input/sample';
import { ModelInputError } from '../model-errors';
import type { BaselineModel, BaselineCheckpoint } from './baseline-model';
import { requireLeafSpace, type BaselineOptions } from './baseline-options';
import { leafExplanation, sampleLeafIds } from './leaf-batch';

/**
 * GBDT alone: the stage-1 ensemble's own prediction, σ(base margin + Σ_t value of the leaf
 * reached in tree t), read from the samples' leaf ids, so it takes the same samples as every
 * other model. The trees are trained by libs/gbdt beforehand; `trainBatch` only reports the
 * batch's log-loss (nothing here learns online). Its explanation of a sample: the active
 * leaves by |leaf value|.
 */
export function createGbdtModel(options: BaselineOptions): BaselineModel {
  const ensemble = options.ensemble;
  if (!ensemble) {
    throw new ConfigError('ensemble', ensemble, 'gbdt scores with the trees', 'pass `ensemble`');
  }
  if (ensemble.objective !== 'logloss') {
    const fix = "train the GBDT with objective 'logloss'";
    throw new ConfigError('ensemble.objective', ensemble.objective, 'must be logloss', fix);
  }
  const leafSpace = requireLeafSpace({ ensemble }, 'gbdt');
  const offsets = leafOffsets(ensemble);
  const leafValues = new Float64Array(leafSpace.leafCount);
  ensemble.trees.forEach((tree, t) => leafValues.set(tree.leafValue, offsets[t]));
  let disposed = false;

  const predict = (samples: readonly Sample[]) => {
    if (disposed) throw new ModelInputError('predict', 'this gbdt model was disposed');
    const ids = sampleLeafIds(samples, leafSpace);
    const treeCount = leafSpace.treeCount;
    return Float32Array.from(samples, (_, b) => {
      let margin = ensemble.baseMargin;
      for (let t = 0; t < treeCount; t++) margin += leafValues[ids[b * treeCount + t]];
      return 1 / (1 + Math.exp(-margin));
    });
  };

  return {
    name: 'gbdt',
    trainBatch(samples) {
      const probabilities = predict(samples);
      let loss = 0;
      samples.forEach((sample, b) => {
        const label = sample.label;
        if (label !== 0 && label !== 1) {
          throw new ModelInputError(`batch[${b}].label`, `must be 0 or 1, got ${label}`);
        }
        const p = Math.min(Math.max(probabilities[b], 1e-7), 1 - 1e-7);
        loss -= label === 1 ? Math.log(p) : Math.log(1 - p);
      });
      loss /= samples.length;
      return { loss, clickLoss: loss, clipFactor: 1 };
    },
    predict,
    explain(sample, topK) {
      if (!options.describeLeaf) {
        throw new ConfigError('describeLeaf', undefined, 'explain needs the leaf paths');
      }
      const ids = sampleLeafIds([sample], leafSpace);
      const leaves = Array.from(ids, (leafId) => ({ leafId, weight: leafValues[leafId] }));
      return leafExplanation(leaves, topK, options.describeLeaf);
    },
    checkpoint: (): BaselineCheckpoint => ({ model: 'gbdt', state: null }),
    restore(checkpoint) {
      if (checkpoint?.model !== 'gbdt') {
        throw new ModelInputError('checkpoint.model', 'must be a gbdt checkpoint');
      }
    },
    dispose() {
      disposed = true;
    },
  };
}
