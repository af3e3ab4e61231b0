import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { codecFor } from '@tmrm/schemas';
import { compileCondition } from './compile-condition';
import { createSyntheticDataset, type SyntheticSample } from './synthetic-dataset';
import { syntheticEventJson, writeSyntheticDataset } from './write-synthetic-dataset';

const small = { users: 200, items: 120, events: 3000, seed: 11 };

async function withTmp(run: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'tmrm-synth-'));
  try {
    await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('the same seed writes byte-identical files, another seed different events', async (t) => {
  await withTmp(async (dir) => {
    await writeSyntheticDataset({ ...small, outDir: join(dir, 'a') });
    await writeSyntheticDataset({ ...small, outDir: join(dir, 'b') });
    await writeSyntheticDataset({ ...small, seed: 12, outDir: join(dir, 'c') });
    for (const file of ['users.jsonl', 'items.jsonl', 'events.jsonl', 'truth.json']) {
      const a = await readFile(join(dir, 'a', file));
      t.true(a.equals(await readFile(join(dir, 'b', file))), file);
    }
    const a = await readFile(join(dir, 'a', 'events.jsonl'), 'utf8');
    t.not(a, await readFile(join(dir, 'c', 'events.jsonl'), 'utf8'));
  });
});

test('events are time-ordered impressions that reference the written profiles', async (t) => {
  await withTmp(async (dir) => {
    const summary = await writeSyntheticDataset({ ...small, outDir: dir });
    const lines = (await readFile(join(dir, 'events.jsonl'), 'utf8')).trimEnd().split('\n');
    t.is(lines.length, small.events);
    t.is(summary.events, small.events);
    const users = new Set(
      (await readFile(join(dir, 'users.jsonl'), 'utf8'))
        .trimEnd()
        .split('\n')
        .map((line) => codecFor('UserProfile').fromJson(JSON.parse(line)).userId),
    );
    t.is(users.size, small.users);
    let previousMs = 0;
    let clicks = 0;
    const eventCodec = codecFor('InteractionEvent');
    for (const line of lines) {
      const event = eventCodec.fromJson(JSON.parse(line));
      t.true(eventCodec.decode(eventCodec.encode(event)).eventId === event.eventId);
      t.true(users.has(event.userId));
      t.true(event.eventTimeMs >= previousMs);
      previousMs = event.eventTimeMs;
      if (event.eventType === 'click') clicks++;
      else t.is(event.eventType, 'view');
    }
    t.is(clicks, summary.clicks);
    const manifest = JSON.parse(await readFile(join(dir, 'dataset.json'), 'utf8'));
    t.is(manifest.labelled, true);
  });
});

test('the hand-built event line equals JSON.stringify of the event', (t) => {
  const dataset = createSyntheticDataset({ ...small, events: 50 });
  for (const sample of dataset.samples()) {
    const event = {
      eventId: `e${sample.index}`,
      userId: sample.userId,
      itemId: sample.itemId,
      eventType: sample.label === 1 ? 'click' : 'view',
      value: null,
      eventTimeMs: sample.eventTimeMs,
      context: sample.context,
    };
    t.is(syntheticEventJson(sample), JSON.stringify(event));
  }
});

test('truth lists the planted crosses as conditions, and they fire where they hold', (t) => {
  const dataset = createSyntheticDataset(small);
  t.deepEqual(
    dataset.truth.crosses.map((cross) => cross.text),
    [
      'age in [25, 34] AND category = Books',
      'device = mobile AND hour >= 20 AND category = Games',
      'device = desktop AND price_band = premium',
      'weekday in {Sat, Sun} AND release_year < 2000 AND category = Movies',
    ],
  );
  const tests = dataset.truth.crosses.map((cross) => cross.conditions.map(compileCondition));
  let active = 0;
  for (const sample of dataset.samples()) {
    const expected = dataset.truth.crosses
      .filter((_, c) => tests[c].every((check) => check(sample.features)))
      .map((cross) => cross.name);
    t.deepEqual(sample.activeCrosses, expected);
    active += expected.length > 0 ? 1 : 0;
    const logit =
      dataset.truth.bias +
      dataset.truth.userEffects[sample.userId] +
      dataset.truth.itemEffects[sample.itemId] +
      dataset.truth.crosses
        .filter((cross) => expected.includes(cross.name))
        .reduce((sum, cross) => sum + cross.weight, 0);
    t.true(Math.abs(1 / (1 + Math.exp(-logit)) - sample.clickProbability) < 1e-5);
  }
  t.true(active > 100, `only ${active} samples had an active cross`);
});

test('bad options fail with the option, value and rule', (t) => {
  t.throws(() => createSyntheticDataset({ ...small, users: 0 }), {
    message: 'users = 0: must be an integer >= 1',
  });
  t.throws(() => createSyntheticDataset({ ...small, userEffectSd: -1 }), {
    message: /userEffectSd = -1: must be a finite number >= 0/,
  });
});

test('a logistic regression with the planted crosses beats one without them on AUC', (t) => {
  const dataset = createSyntheticDataset({ users: 2000, items: 400, events: 60_000, seed: 5 });
  const samples = [...dataset.samples()];
  const train = samples.slice(0, 40_000);
  const holdout = samples.slice(40_000);
  const crossNames = dataset.truth.crosses.map((cross) => cross.name);

  const plain = (s: SyntheticSample) => baseFeatures(s);
  const withCrosses = (s: SyntheticSample) => [
    ...baseFeatures(s),
    ...crossNames.filter((name) => s.activeCrosses.includes(name)).map((n) => `cross=${n}`),
  ];
  const aucPlain = holdoutAuc(train, holdout, plain);
  const aucCrosses = holdoutAuc(train, holdout, withCrosses);
  t.log(`AUC without crosses ${aucPlain.toFixed(4)}, with crosses ${aucCrosses.toFixed(4)}`);
  t.true(aucCrosses - aucPlain > 0.03, `gap ${aucCrosses - aucPlain}`);
});

/** One-hot main effects: every categorical value, age and release year in 5-year bins, hour. */
function baseFeatures(sample: SyntheticSample): string[] {
  const f = sample.features;
  return [
    `gender=${f.gender}`,
    `region=${f.region}`,
    `device=${f.device}`,
    `category=${f.category}`,
    `brand=${f.brand}`,
    `price_band=${f.price_band}`,
    `weekday=${f.weekday}`,
    `hour=${f.hour}`,
    `age=${Math.floor((f.age as number) / 5)}`,
    `release_year=${Math.floor((f.release_year as number) / 5)}`,
  ];
}

/** Trains a sparse binary logistic regression (AdaGrad, 4 epochs) and returns holdout AUC. */
function holdoutAuc(
  train: SyntheticSample[],
  holdout: SyntheticSample[],
  featuresOf: (s: SyntheticSample) => string[],
): number {
  const weights = new Map<string, number>();
  const squares = new Map<string, number>();
  const score = (features: string[]) =>
    features.reduce((sum, name) => sum + (weights.get(name) ?? 0), weights.get('bias') ?? 0);
  for (let epoch = 0; epoch < 4; epoch++) {
    for (const sample of train) {
      const features = [...featuresOf(sample), 'bias'];
      const p = 1 / (1 + Math.exp(-score(featuresOf(sample))));
      // d(log-loss)/d(logit) = p - y; every active binary feature gets that gradient.
      const gradient = p - sample.label;
      for (const name of features) {
        const square = (squares.get(name) ?? 1e-8) + gradient * gradient;
        squares.set(name, square);
        weights.set(name, (weights.get(name) ?? 0) - (0.1 * gradient) / Math.sqrt(square));
      }
    }
  }
  return auc(
    holdout.map((s) => score(featuresOf(s))),
    holdout.map((s) => s.label),
  );
}

/** Area under the ROC curve by the rank-sum (Mann-Whitney) formula, ties given half credit. */
function auc(scores: number[], labels: number[]): number {
  const order = scores.map((_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let rankSum = 0;
  let positives = 0;
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && scores[order[end + 1]] === scores[order[start]]) end++;
    const averageRank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) {
      if (labels[order[k]] === 1) {
        rankSum += averageRank;
        positives++;
      }
    }
    start = end + 1;
  }
  const negatives = order.length - positives;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
