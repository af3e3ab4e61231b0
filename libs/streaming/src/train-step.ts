import { concatMap, type OperatorFunction } from 'rxjs';
import type { OnlineTrainer, TrainReport } from './online-trainer';
import type { FeaturizedEvent } from './types';

/**
 * Trains on mini-batches strictly in order, one at a time: `concatMap` starts the next batch
 * only once the previous one's promise has settled, so the model sees the stream's order and
 * the offsets it records are always a prefix of what was read. Each batch is scored before it
 * is trained on (progressive validation; see {@link OnlineTrainer.train}).
 *
 * @example
 * featurized$.pipe(miniBatch({ maxSize: 256, maxWaitMs: 500 }), trainStep(trainer))
 */
export function trainStep(
  trainer: OnlineTrainer,
): OperatorFunction<FeaturizedEvent[], TrainReport> {
  return concatMap((batch) => trainer.train(batch));
}
