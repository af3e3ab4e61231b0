import test from 'ava';
import type { Sample } from '@tmrm/model';
import type { TrainingBudget } from '../results/eval-results';
import { seededRandom } from '../seeded-random';
import { trainWithEarlyStopping, type EpochLearner } from './epoch-loop';

/** A one-feature logistic regression trained by plain SGD: small, real and deterministic. */
function logisticLearner(learningRate = 0.5) {
  let weights = { w: 0, b: 0 };
  const score = (sample: Sample) =>
    1 / (1 + Math.exp(-(weights.w * (sample.fields.x as number) + weights.b)));
  const calls = { trainBatch: 0, predict: 0, restore: 0 };
  const learner: EpochLearner = {
    trainBatch(samples) {
      calls.trainBatch++;
      let gw = 0;
      let gb = 0;
      for (const sample of samples) {
        const error = score(sample) - (sample.label as number);
        gw += error * (sample.fields.x as number);
        gb += error;
      }
      weights = {
        w: weights.w - (learningRate * gw) / samples.length,
        b: weights.b - (learningRate * gb) / samples.length,
      };
    },
    predict(samples) {
      calls.predict++;
      return Float64Array.from(samples, score);
    },
    checkpoint: () => ({ ...weights }),
    restore(state) {
      calls.restore++;
      weights = { ...(state as typeof weights) };
    },
  };
  return { learner, calls, weights: () => weights };
}

/** x ~ N(0, 1), P(y = 1) = σ(3x), or σ(-3x) when `flipped` (a validation set that disagrees). */
function samples(count: number, seed: number, flipped = false): Sample[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const x = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const p = 1 / (1 + Math.exp((flipped ? 3 : -3) * x));
    return { fields: { x }, label: random() < p ? 1 : 0 };
  });
}

const budget = (overrides: Partial<TrainingBudget> = {}): TrainingBudget => ({
  maxEpochs: 3,
  batchSize: 100,
  patienceEpochs: 1,
  learningRate: 0.5,
  embeddingSize: 8,
  hiddenUnits: [8],
  trees: 10,
  depth: 3,
  dropout: 0,
  ...overrides,
});

/** Trains on 1,000 samples of the rule and validates on 300 (of the flipped rule if asked). */
function train(
  learner: EpochLearner,
  overrides: Partial<TrainingBudget>,
  options: { flippedValidation?: boolean; nowMs?: () => number; cpuNowMs?: () => number } = {},
) {
  const valid = samples(300, 2, options.flippedValidation);
  return trainWithEarlyStopping({
    learner,
    train: samples(1000, 1),
    valid,
    validLabels: Uint8Array.from(valid, (row) => row.label as number),
    budget: budget(overrides),
    seed: 1,
    nowMs: options.nowMs,
    cpuNowMs: options.cpuNowMs,
  });
}

test('without limits it runs every epoch, validating once per epoch', (t) => {
  const { learner, calls } = logisticLearner();
  const outcome = train(learner, { maxEpochs: 3, patienceEpochs: 3 });
  t.is(outcome.epochs, 3);
  t.is(outcome.stoppedBy, 'epochs');
  t.is(calls.trainBatch, 30);
  t.is(calls.predict, 3);
  t.true((outcome.validAuc ?? 0) > 0.8, `validation AUC ${outcome.validAuc}`);
});

test('validationsPerEpoch checks evenly within each epoch', (t) => {
  const { learner, calls } = logisticLearner();
  const outcome = train(learner, { maxEpochs: 2, patienceEpochs: 2, validationsPerEpoch: 5 });
  t.is(calls.predict, 10);
  t.is(outcome.epochs, 2);
  t.true(outcome.bestEpoch > 0 && outcome.bestEpoch <= 2);
});

test('the time budget stops mid-epoch after one more check, and says so', (t) => {
  const { learner, calls } = logisticLearner();
  let clockMs = 0;
  const timed: EpochLearner = {
    ...learner,
    trainBatch(batch) {
      learner.trainBatch(batch);
      clockMs += 1000; // each step "takes" one second on the injected clock
    },
  };
  const outcome = train(timed, { maxEpochs: 10, maxTrainSeconds: 3.5 }, { nowMs: () => clockMs });
  t.is(outcome.stoppedBy, 'time');
  t.is(calls.trainBatch, 4); // the step that crosses 3.5 s is the last
  t.is(outcome.epochs, 0.4);
  t.is(outcome.bestEpoch, 0.4);
  t.is(calls.predict, 1);
});

test('the CPU budget counts CPU time, not wall time, and says so', (t) => {
  // A loaded machine: each step takes 10 s of wall clock but only 1 s of this process's CPU.
  // A 3.5 CPU-second budget must allow four steps, however much wall time passes.
  const { learner, calls } = logisticLearner();
  let clockMs = 0;
  let cpuMs = 50_000; // CPU used before the loop started does not count
  const timed: EpochLearner = {
    ...learner,
    trainBatch(batch) {
      learner.trainBatch(batch);
      clockMs += 10_000;
      cpuMs += 1000;
    },
  };
  const outcome = train(
    timed,
    { maxEpochs: 10, maxTrainCpuSeconds: 3.5 },
    { nowMs: () => clockMs, cpuNowMs: () => cpuMs },
  );
  t.is(outcome.stoppedBy, 'cpu-time');
  t.is(calls.trainBatch, 4);
  t.is(outcome.epochs, 0.4);
  t.is(outcome.loopCpuSeconds, 4);
  t.is(calls.predict, 1);
});

test('with both budgets the first to run out stops the loop', (t) => {
  const { learner, calls } = logisticLearner();
  let clockMs = 0;
  let cpuMs = 0;
  const timed: EpochLearner = {
    ...learner,
    trainBatch(batch) {
      learner.trainBatch(batch);
      clockMs += 1000;
      cpuMs += 500;
    },
  };
  const outcome = train(
    timed,
    { maxEpochs: 10, maxTrainSeconds: 6, maxTrainCpuSeconds: 2 },
    { nowMs: () => clockMs, cpuNowMs: () => cpuMs },
  );
  t.is(outcome.stoppedBy, 'cpu-time');
  t.is(calls.trainBatch, 4);
  t.is(outcome.loopCpuSeconds, 2);
});

test('early stopping restores the weights of the best check', (t) => {
  // The validation labels follow the opposite rule, so every step makes validation worse:
  // the first check is the best, and one epoch of patience later training stops.
  const { learner, calls, weights } = logisticLearner();
  let atFirstCheck: unknown = null;
  const watched: EpochLearner = {
    ...learner,
    checkpoint() {
      const state = learner.checkpoint();
      atFirstCheck ??= state;
      return state;
    },
  };
  const outcome = train(
    watched,
    { maxEpochs: 10, patienceEpochs: 1, validationsPerEpoch: 2 },
    { flippedValidation: true },
  );
  t.is(outcome.stoppedBy, 'patience');
  t.is(outcome.bestEpoch, 0.5);
  t.is(outcome.epochs, 1.5);
  t.is(calls.restore, 1);
  t.deepEqual(weights(), atFirstCheck);
});
