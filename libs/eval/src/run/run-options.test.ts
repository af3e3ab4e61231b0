import test from 'ava';
import { ALL_MODEL_NAMES, availableModels, modelTrainers } from '../models/model-registry';
import { ProgressTracker } from './progress';
import { budgetWith, parseSweep } from './sweep-spec';
import { sampleResults } from '../testing/sample-results';

test('unknown and not-yet-available models are refused with the available ones listed', (t) => {
  const available = availableModels();
  t.true(available.includes('tmrm-hu') && available.includes('gbdt'));
  t.deepEqual(available, [...ALL_MODEL_NAMES]);
  const error = t.throws(() => modelTrainers(['tmrm-hu', 'xgboost']));
  t.regex(error!.message, /unknown model\(s\): xgboost/);
  t.regex(error!.message, new RegExp(`Available: ${available.join(', ')}`));
  t.throws(() => modelTrainers([]), { message: /no models given/ });
  t.deepEqual(
    modelTrainers(['gbdt', 'deepfm', 'gbdt']).map((trainer) => trainer.name),
    ['gbdt', 'deepfm'],
  );
});

test('sweeps parse into sorted values and set the matching budget field', (t) => {
  t.deepEqual(parseSweep('trees=200,50,100'), { parameter: 'trees', values: [50, 100, 200] });
  t.deepEqual(parseSweep('dropout=0,0.5,0.2').values, [0, 0.2, 0.5]);
  t.throws(() => parseSweep('width=3'), {
    message: /NAME one of trees, depth, dropout, embedding/,
  });
  t.throws(() => parseSweep('depth=4,6.5'), { message: /integers >= 1/ });
  t.throws(() => parseSweep('dropout=1'), { message: /numbers in \[0, 1\)/ });
  const budget = sampleResults().configuration.budget;
  t.is(budgetWith(budget, 'embedding', 32).embeddingSize, 32);
  t.is(budgetWith(budget, 'trees', 7).trees, 7);
});

test('progress counts steps and ends at the total with the last step complete', async (t) => {
  const events: Array<[number, number]> = [];
  const tracker = new ProgressTracker(2, (p) => events.push([p.completedSteps, p.stepFraction]));
  await tracker.step('a', async (report) => report(0.5));
  await tracker.step('b', async () => undefined);
  t.deepEqual(events, [
    [0, 0],
    [0, 0.5],
    [0, 1],
    [1, 0],
    [1, 1],
  ]);
});
