import test from 'ava';
import { seededRandom } from '@tmrm/common';
import { binOf, fitBinMapper } from './bin-mapper';
import { binMatrix } from './binned-matrix';
import { featureSpecs } from './feature-spec';
import { distinctWithCounts, quantileCuts, shortestAbove } from './quantile-cuts';

test('binned columns agree with binOf, by table or by search, and bin 0 is missing', (t) => {
  const random = seededRandom(3);
  const n = 5000;
  const ids = Float64Array.from({ length: n }, () =>
    random() < 0.05 ? NaN : Math.floor(random() * 3000),
  );
  const scores = Float64Array.from({ length: n }, () => (random() < 0.05 ? NaN : random() * 10));
  const matrix = { features: featureSpecs(['id', 'score']), columns: [ids, scores], rowCount: n };
  const mapper = fitBinMapper(matrix, { maxBins: 64 });
  const binned = binMatrix(mapper, matrix);
  for (let f = 0; f < 2; f++) {
    for (let row = 0; row < n; row++) {
      const expected = binOf(mapper.bins[f], false, matrix.columns[f][row]);
      if (binned.bins[f * n + row] !== expected) t.fail(`feature ${f}, row ${row}`);
    }
  }
  t.is(binned.bins[ids.findIndex(Number.isNaN)], 0);
  t.true(mapper.features[0].integer === true && mapper.features[1].integer === false);
  t.true(mapper.bins[0].binCount <= 64);
});

test('cuts are the shortest decimals between neighbours and split exactly like them', (t) => {
  t.is(shortestAbove(34, 35), 35);
  t.is(shortestAbove(0.4797, 0.48), 0.48);
  t.is(shortestAbove(0.12, 0.1234), 0.123);
  t.is(shortestAbove(-0.5, 0.25), 0);
  t.is(shortestAbove(-3.5, -2.25), -3);
  t.is(shortestAbove(1e-9, 3e-9), 3e-9);
  const random = seededRandom(8);
  for (let i = 0; i < 2000; i++) {
    const low = (random() - 0.5) * 10 ** Math.floor(random() * 12 - 6);
    const high = low + random() * Math.abs(low) * 0.01 + Number.EPSILON;
    const cut = shortestAbove(low, high);
    if (!(cut > low && cut <= high)) t.fail(`${cut} not in (${low}, ${high}]`);
  }
  const values = Float64Array.of(0.11, 0.2222, 0.3333, 0.49, 1.7);
  const cuts = quantileCuts(values, new Float64Array(5).fill(1), 10);
  t.deepEqual(Array.from(cuts), [0.2, 0.3, 0.4, 1]);
  cuts.forEach((cut, i) => t.true(values[i] < cut && cut <= values[i + 1]));
});

test('more categories than bins: the most frequent keep their own bin', (t) => {
  const features = featureSpecs(['c'], ['c']);
  features[0].categories = ['a', 'b', 'c', 'd', 'e'];
  const codes = Float64Array.of(0, 0, 0, 1, 1, 2, 3, 4, 4, 4, 4);
  const mapper = fitBinMapper(
    { features, columns: [codes], rowCount: codes.length },
    { maxBins: 4 },
  );
  t.deepEqual(Array.from(mapper.bins[0].codeBins), [2, 3, 3, 3, 1]);
});

test('distinct values with counts: counting and sorting agree', (t) => {
  const integers = Float64Array.of(5, 3, NaN, 5, -2, 3, 5);
  t.deepEqual(distinctWithCounts(integers), {
    values: Float64Array.of(-2, 3, 5),
    counts: Float64Array.of(1, 2, 3),
  });
  const wide = Float64Array.of(1e9, 3, 3, 1e9, 0.5);
  t.deepEqual(distinctWithCounts(wide), {
    values: Float64Array.of(0.5, 3, 1e9),
    counts: Float64Array.of(1, 2, 2),
  });
});
