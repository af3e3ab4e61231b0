import { fitBinMapper } from './bin-mapper';
import { capTrees } from './cap-trees';
import { predictMargin, type Ensemble } from './ensemble';
import { totalLeaves } from './leaf-encoder';
import { identityChange, type LeafSpaceChange } from './leaf-space-change';
import type { StreamingBinner } from './streaming-binner';
import { boost, type TrainResult } from './train';
import type { TrainOptions } from './train-options';
import { checkMatrix, type LabelledMatrix } from './training-data';

export interface ContinueOptions extends TrainOptions {
  /** Bins from a stream's sketch; without it bins are fitted on this window. */
  binner?: StreamingBinner;
  /** After appending, keep at most this many trees, dropping the oldest (reported). */
  maxTrees?: number;
}

/**
 * Continue: appends `trees` new trees fitted to the residuals (gradients) of the
 * current ensemble on a new window. Old trees and their leaf ids are untouched;
 * the new trees' leaves get the ids after them. With `maxTrees`, the oldest trees
 * beyond the cap are then dropped and the change says so.
 */
export async function continueTraining(
  ensemble: Ensemble,
  data: LabelledMatrix,
  options: ContinueOptions = {},
): Promise<TrainResult & { change: LeafSpaceChange }> {
  checkMatrix(data, 'continue data');
  const oldCount = totalLeaves(ensemble);
  const mapper =
    options.binMapper ??
    options.binner?.binMapper(options.maxBins ?? 256) ??
    fitBinMapper(
      { ...data, features: ensemble.features },
      { maxBins: options.maxBins, seed: options.seed },
    );
  const grown: Ensemble = {
    ...ensemble,
    trees: [...ensemble.trees],
    cuts: mapper.bins.map((b) => b.cuts),
  };
  const window = { ...data, features: ensemble.features };
  const result = await boost(grown, window, mapper, {
    ...options,
    trainMargins: predictMargin(ensemble, window),
    validationMargins: options.validation ? predictMargin(ensemble, options.validation) : undefined,
  });

  const appended = identityChange('appended', oldCount, totalLeaves(grown));
  if (options.maxTrees === undefined || grown.trees.length <= options.maxTrees) {
    return { ...result, ensemble: grown, change: appended };
  }
  const capped = capTrees(grown, options.maxTrees);
  const change: LeafSpaceChange = {
    ...capped.change,
    oldLeafCount: oldCount,
    oldToNew: capped.change.oldToNew.subarray(0, oldCount),
  };
  return { ...result, ensemble: capped.ensemble, change };
}
