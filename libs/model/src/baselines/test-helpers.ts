import { rocAuc } from '@tmrm/gbdt';
import type { Sample } from '../input/sample';
import type { BaselineModel } from './baseline-model';

/** Trains `model` for `epochs` passes over `samples` in mini-batches of `batchSize`. */
export function trainEpochs(
  model: BaselineModel,
  samples: readonly Sample[],
  options: { epochs: number; batchSize: number },
): void {
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = 0; i < samples.length; i += options.batchSize) {
      model.trainBatch(samples.slice(i, i + options.batchSize));
    }
  }
}

/** The model's held-out ROC AUC. */
export function heldOutAuc(model: BaselineModel, samples: readonly Sample[]): number {
  return rocAuc(
    samples.map((sample) => sample.label as number),
    model.predict(samples),
  );
}
