import test from 'ava';
import { marbleScheduler } from './testing/marbles';
import { rollingMetrics } from './rolling-metrics';

test('emits AUC and log-loss over the last N scored samples after each batch', (t) => {
  marbleScheduler(t).run(({ cold, expectObservable }) => {
    const batches = {
      a: { scores: [0.9, 0.8], labels: [1, 1] },
      b: { scores: [0.2, 0.7], labels: [0, 0] },
      c: { scores: [0.1, 0.95], labels: [0, 1] },
    };
    const loss = (pairs: [number, number][]) =>
      -pairs.reduce((sum, [p, y]) => sum + (y === 1 ? Math.log(p) : Math.log(1 - p)), 0) /
      pairs.length;
    const metrics = rollingMetrics({ windowSamples: 4 });
    expectObservable(cold('a-b-c|', batches).pipe(metrics)).toBe('a-b-c|', {
      a: {
        auc: null,
        logLoss: loss([
          [0.9, 1],
          [0.8, 1],
        ]),
        windowSamples: 2,
        totalSamples: 2,
      },
      b: {
        auc: 1,
        logLoss: loss([
          [0.9, 1],
          [0.8, 1],
          [0.2, 0],
          [0.7, 0],
        ]),
        windowSamples: 4,
        totalSamples: 4,
      },
      // The window now holds 0.2/0, 0.7/0, 0.1/0, 0.95/1: the two oldest left.
      c: {
        auc: 1,
        logLoss: loss([
          [0.2, 0],
          [0.7, 0],
          [0.1, 0],
          [0.95, 1],
        ]),
        windowSamples: 4,
        totalSamples: 6,
      },
    });
  });
});

test('each subscription keeps its own window', (t) => {
  marbleScheduler(t).run(({ cold, expectObservable }) => {
    const metrics = rollingMetrics({ windowSamples: 10 });
    const source = cold('a|', { a: { scores: [0.4, 0.6], labels: [0, 1] } }).pipe(metrics);
    const expected = { a: { auc: 1, logLoss: -Math.log(0.6), windowSamples: 2, totalSamples: 2 } };
    expectObservable(source).toBe('a|', expected);
    expectObservable(source).toBe('a|', expected);
  });
});
