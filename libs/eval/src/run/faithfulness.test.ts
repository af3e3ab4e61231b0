import test from 'ava';
import type { EvalTable, FlatRow } from '../data/eval-split';
import type { TrainedModel } from '../models/eval-model';
import type { ExplanationPath } from '../results/eval-results';
import { seededRandom } from '../seeded-random';
import { faithfulness } from './faithfulness';

const indicators = ['genre=Drama', 'genre=Comedy', 'genre=Horror', 'genre=War'];
const candidates = ['age', 'price', 'city', ...indicators];

/**
 * Positive test rows like a flattened ml-100k sample: ids, two numeric columns (price missing
 * in about half the rows), a categorical one and one genre indicator set out of four.
 */
function testTable(count: number): EvalTable {
  const random = seededRandom(7);
  const rows: FlatRow[] = Array.from({ length: count }, (_, i) => {
    const genre = Math.floor(random() * indicators.length);
    return {
      user_id: `u${i % 13}`,
      item_id: `i${i % 17}`,
      age: 18 + Math.floor(random() * 50),
      price: random() < 0.5 ? null : Math.round(random() * 100),
      city: random() < 0.5 ? 'Paris' : 'Lyon',
      ...Object.fromEntries(indicators.map((name, g) => [name, g === genre ? 1 : 0])),
    };
  });
  return { rows, labels: new Uint8Array(count).fill(1), timesMs: null };
}

function path(features: string[]): ExplanationPath {
  return {
    conditions: features.map((feature) => ({ feature, op: '<', value: '0.5' })),
    text: features.join(' and '),
    weight: 1,
  };
}

/** A model whose score is `score(row)` and that keeps every row it is asked to score. */
function modelScoring(
  score: (row: FlatRow) => number,
  explain: (row: FlatRow) => ExplanationPath[],
): { trained: TrainedModel; scored: FlatRow[] } {
  const scored: FlatRow[] = [];
  const trained: TrainedModel = {
    predict(rows) {
      scored.push(...rows);
      return Float64Array.from(rows, score);
    },
    trainSeconds: 0,
    explain: (row) => explain(row),
  };
  return { trained, scored };
}

const run = (trained: TrainedModel, test: EvalTable) =>
  faithfulness({
    model: 'test-model',
    trained,
    test,
    candidateColumns: candidates,
    indicatorColumns: indicators,
    topK: 3,
    maxSamples: 200,
    seed: 3,
  });

test('an explanation naming the one feature the score depends on beats random masks', (t) => {
  // The score reads age alone; the ids would move it a lot but no explanation can name them.
  const { trained, scored } = modelScoring(
    (row) => (row.age === null ? 0.1 : 0.9) - (row.user_id === null ? 0.05 : 0),
    () => [path(['age'])],
  );
  const result = run(trained, testTable(300));
  if (!result) return t.fail('no result');

  t.is(result.samples, 200);
  t.is(result.meanFeaturesMasked, 1);
  t.true(Math.abs(result.explainedDrop - 0.8) < 1e-12, `explained drop ${result.explainedDrop}`);
  // Random draws hit age in about 1 of the 4 to 5 present candidates.
  t.true(result.randomDrop > 0.1 && result.randomDrop < 0.3, `random drop ${result.randomDrop}`);
  t.true(result.difference.lower > 0, `interval [${result.difference.lower}, …]`);
  t.false(
    scored.some((row) => row.user_id === null || row.item_id === null),
    'a random mask hid an id column, which no explanation can name',
  );
});

test('masks never hide an absent feature, on either side', (t) => {
  // The score counts present features, so every real mask of one feature costs exactly 0.1.
  // The explanation names one present indicator and one absent one ("genre=War < 0.5" on a
  // non-War item); only the present one may count, and random masks must hide present ones.
  const table = testTable(300);
  const present = (row: FlatRow, column: string) =>
    row[column] !== null && !(indicators.includes(column) && row[column] === 0);
  const countPresent = (row: FlatRow) => candidates.filter((c) => present(row, c)).length;
  const { trained, scored } = modelScoring(
    (row) => 0.1 * countPresent(row),
    (row) => {
      const set = indicators.find((name) => row[name] === 1) as string;
      const unset = indicators.find((name) => row[name] === 0) as string;
      return [path([set, unset])];
    },
  );
  const result = run(trained, table);
  if (!result) return t.fail('no result');

  t.is(result.meanFeaturesMasked, 1);
  t.true(Math.abs(result.explainedDrop - 0.1) < 1e-12, `explained drop ${result.explainedDrop}`);
  t.true(Math.abs(result.randomDrop - 0.1) < 1e-12, `random drop ${result.randomDrop}`);
  t.true(Math.abs(result.difference.mean) < 1e-12);

  // predict saw originals, explained masks, random masks: each mask removes exactly one
  // present feature of its original.
  const n = result.samples;
  const originals = scored.slice(0, n);
  for (const masks of [scored.slice(n, 2 * n), scored.slice(2 * n, 3 * n)]) {
    masks.forEach((masked, i) => t.is(countPresent(originals[i]) - countPresent(masked), 1));
  }
});

test('samples whose explanation names no present feature are skipped', (t) => {
  const { trained } = modelScoring(
    () => 0.5,
    (row) => [path(row.price === null ? ['price', 'user_id'] : ['price'])],
  );
  const table = testTable(300);
  const result = run(trained, table);
  if (!result) return t.fail('no result');
  const withPrice = table.rows.filter((row) => row.price !== null).length;
  t.true(result.samples < 200 && result.samples <= withPrice, `samples ${result.samples}`);
  t.is(result.meanFeaturesMasked, 1);
});
