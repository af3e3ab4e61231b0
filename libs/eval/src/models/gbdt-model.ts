import type { ModelTrainer } from './eval-model';
import { describeLeaves } from './leaf-describer';

/**
 * GBDT alone, the paper's tree baseline: the same stage-1 ensemble TMRM reads
 * (budget's trees and depth, early stopping on the validation logloss after 20
 * rounds without improvement), scored by its own leaf values. Its explanation
 * of a row is the path of the leaves it reaches with the largest |leaf value|.
 */
export const gbdtTrainer: ModelTrainer = {
  name: 'gbdt',
  description: 'GBDT alone (libs/gbdt histogram boosting)',
  async train(context) {
    const { budget, seed } = context;
    const stageOne = await context.stageOne.get({
      trees: budget.trees,
      depth: budget.depth,
      seed,
      earlyStoppingRounds: 20,
    });
    context.onProgress?.(1);
    const paths = describeLeaves(stageOne.ensemble);
    const treeCount = stageOne.ensemble.trees.length;
    return {
      trainSeconds: stageOne.trainSeconds,
      epochs: stageOne.trees,
      bestEpoch: stageOne.bestTreeCount,
      predict: (rows) => stageOne.predict(rows),
      explain(row, topK) {
        const ids = stageOne.leafIds([row]).subarray(0, treeCount);
        return [...ids]
          .map((id) => paths[id])
          .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
          .filter((path, i, all) => all.findIndex((other) => other.text === path.text) === i)
          .slice(0, topK);
      },
    };
  },
};
