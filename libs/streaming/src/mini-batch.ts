import {
  asyncScheduler,
  Observable,
  type OperatorFunction,
  type SchedulerLike,
  type Subscription,
} from 'rxjs';
import { ConfigError } from '@tmrm/common';

/** Options for {@link miniBatch}. */
export interface MiniBatchOptions {
  /** A batch is emitted as soon as it holds this many items. */
  maxSize: number;
  /**
   * A batch is emitted at the latest this long after its first item arrived, even if smaller,
   * so a slow stream still trains; `Infinity` waits for `maxSize` (or completion).
   */
  maxWaitMs: number;
  /** Schedules the time limit; inject a TestScheduler in tests. Default `asyncScheduler`. */
  scheduler?: SchedulerLike;
}

/**
 * Groups items into mini-batches by size and by time. The timer starts with a batch's first
 * item, so an idle stream emits nothing: there are never empty batches. On completion the
 * partial batch is emitted; on error it is dropped with the error passed on, because its
 * items were not acknowledged and will be read again.
 *
 * @example
 * samples$.pipe(miniBatch({ maxSize: 256, maxWaitMs: 1_000 }))
 */
export function miniBatch<T>(options: MiniBatchOptions): OperatorFunction<T, T[]> {
  const { maxSize, maxWaitMs } = options;
  const scheduler = options.scheduler ?? asyncScheduler;
  if (!Number.isInteger(maxSize) || maxSize < 1) {
    throw new ConfigError('maxSize', maxSize, 'must be an integer >= 1');
  }
  if (!(maxWaitMs > 0)) {
    throw new ConfigError('maxWaitMs', maxWaitMs, 'must be > 0 (Infinity for no time limit)');
  }

  return (source) =>
    new Observable<T[]>((subscriber) => {
      let batch: T[] = [];
      let timer: Subscription | null = null;

      const flush = (): void => {
        timer?.unsubscribe();
        timer = null;
        if (batch.length === 0) return;
        const full = batch;
        batch = [];
        subscriber.next(full);
      };

      const subscription = source.subscribe({
        next: (item) => {
          batch.push(item);
          if (batch.length >= maxSize) flush();
          else if (timer === null && Number.isFinite(maxWaitMs)) {
            timer = scheduler.schedule(flush, maxWaitMs);
          }
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          flush();
          subscriber.complete();
        },
      });

      return () => {
        timer?.unsubscribe();
        subscription.unsubscribe();
      };
    });
}
