import test from 'ava';
import { seededRandom } from '@tmrm/common';
import { QuantileSketch } from './quantile-sketch';
import { StreamingBinner } from './streaming-binner';
import { featureSpecs } from './feature-spec';

test('the sketch estimates ranks within its error bound and stays small', (t) => {
  const random = seededRandom(5);
  const sketch = new QuantileSketch(200, 1);
  const values: number[] = [];
  for (let i = 0; i < 100_000; i++) {
    const value = random() ** 2;
    values.push(value);
    sketch.add(value);
  }
  values.sort((a, b) => a - b);
  for (const q of [0.01, 0.1, 0.25, 0.5, 0.9, 0.99]) {
    const value = values[Math.floor(q * values.length)];
    t.true(
      Math.abs(sketch.rank(value) - q) < 0.02,
      `rank of the ${q} quantile: ${sketch.rank(value)}`,
    );
  }
  const { values: kept, weights } = sketch.weightedItems();
  t.true(kept.length < 1500, `${kept.length} items kept`);
  t.is(weights.reduce((a, b) => a + b, 0) <= 100_000 + 1e-9, true);
  t.is(sketch.size, 100_000);
  t.deepEqual(QuantileSketch.fromJSON(sketch.toJSON()).weightedItems(), sketch.weightedItems());
});

test('streamed bins follow the data as windows arrive', (t) => {
  const features = featureSpecs(['x']);
  const binner = new StreamingBinner(features);
  const window = (from: number) => ({
    features,
    columns: [Float64Array.from({ length: 5000 }, (_, i) => from + (i % 100))],
    rowCount: 5000,
  });
  binner.observe(window(0));
  const early = binner.binMapper(16).bins[0].cuts;
  binner.observe(window(100));
  binner.observe(window(200));
  const late = binner.binMapper(16).bins[0].cuts;
  t.true(early[early.length - 1] < 100);
  t.true(late[late.length - 1] > 200, `last cut ${late[late.length - 1]}`);
  t.true(features[0].integer === true && features[0].hasMissing === false);
});

test('streamed categorical bins count categories, fading old windows', (t) => {
  const features = featureSpecs(['genre'], ['genre']);
  features[0].categories = ['a', 'b', 'c', 'd'];
  const binner = new StreamingBinner(features, { categoryDecay: 0.5 });
  const window = (codes: number[]) => ({
    features,
    columns: [Float64Array.from(codes)],
    rowCount: codes.length,
  });
  binner.observe(window([0, 0, 0, 0, 1, NaN]));
  binner.observe(window([2, 2, 2, 3]));
  // Two value bins for four categories. After fading the counts are a 2, b 0.5, c 3, d 1:
  // the most frequent (c) keeps a bin of its own, the others share the last one.
  const { codeBins } = binner.binMapper(3).bins[0];
  t.deepEqual(Array.from(codeBins), [2, 2, 1, 2]);
  t.true(features[0].hasMissing);
});
