import {
  asyncScheduler,
  Observable,
  type OperatorFunction,
  type SchedulerLike,
  type Subscription,
} from 'rxjs';
import { ConfigError } from '@tmrm/common';

/** Options for {@link batchByCountOrTime}. */
export interface BatchByCountOrTimeOptions {
  /** A batch is emitted as soon as it holds this many values. */
  maxCount: number;
  /** ...or this many milliseconds after its first value arrived, whichever comes first. */
  lingerMs: number;
  /** Keeps the linger time; tests pass a TestScheduler. */
  scheduler?: SchedulerLike;
}

/**
 * Groups values into arrays of at most `maxCount`, emitting a partial batch
 * `lingerMs` after its first value so that a trickle is never held back for long.
 * Never emits an empty batch; on completion the partial batch is emitted first.
 *
 * The clock starts at a batch's first value, not at subscription (unlike
 * `bufferTime`), so an idle stream costs no timers.
 *
 * @example
 * records$.pipe(batchByCountOrTime({ maxCount: 500, lingerMs: 20 }))
 */
export function batchByCountOrTime<T>(
  options: BatchByCountOrTimeOptions,
): OperatorFunction<T, T[]> {
  const { maxCount, lingerMs } = options;
  if (!Number.isInteger(maxCount) || maxCount < 1) {
    throw new ConfigError('maxCount', maxCount, 'must be an integer >= 1');
  }
  if (!(lingerMs >= 0) || !Number.isFinite(lingerMs)) {
    throw new ConfigError('lingerMs', lingerMs, 'must be a finite number >= 0');
  }
  const scheduler = options.scheduler ?? asyncScheduler;

  return (source) =>
    new Observable<T[]>((subscriber) => {
      let batch: T[] = [];
      let timer: Subscription | null = null;

      const flush = () => {
        timer?.unsubscribe();
        timer = null;
        if (batch.length === 0) return;
        const full = batch;
        batch = [];
        subscriber.next(full);
      };

      const subscription = source.subscribe({
        next(value) {
          batch.push(value);
          if (batch.length >= maxCount) flush();
          else if (timer === null) timer = scheduler.schedule(flush, lingerMs);
        },
        error(error) {
          timer?.unsubscribe();
          subscriber.error(error);
        },
        complete() {
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
