import test from 'ava';
import { featureSpecs } from '@tmrm/gbdt';
import { SampleColumns } from './sample-columns';
import type { Sample } from './types';

const features = () =>
  featureSpecs(['age', 'device', 'genre=Drama'], ['device']).map((feature) =>
    feature.kind === 'categorical' ? { ...feature, categories: ['tv', '7'] } : feature,
  );

const samples: Sample[] = [
  { fields: { age: 30, device: 'tv', genre: ['Drama', 'Comedy'] } },
  { fields: { age: '41', device: 7, genre: [] } }, // a numeric string, a number as a label
  { fields: { device: '', genre: 'Drama' } }, // missing age, empty label, genre not a list
  { fields: { age: ['1'], device: ['tv'] } }, // lists on single-valued features
  { fields: { 'genre=Drama': 0.5, genre: ['Drama'], device: 'radio' } }, // own field; new label
];

test('reads numbers, category codes and list indicators; missing and misfit values are NaN', (t) => {
  const matrix = new SampleColumns(features()).matrix(samples);
  t.is(matrix.rowCount, 5);
  t.deepEqual(
    matrix.columns.map((column) => Array.from(column)),
    [
      [30, 41, NaN, NaN, NaN],
      [0, 1, NaN, NaN, NaN],
      [1, 0, NaN, NaN, 0.5],
    ],
  );
});

test('grows categories only when asked, and follows labels appended elsewhere', (t) => {
  const specs = features();
  const device = specs[1];
  const reader = new SampleColumns(specs);
  t.deepEqual(Array.from(reader.matrix(samples).columns[1]), [0, 1, NaN, NaN, NaN]);
  t.deepEqual(device.categories, ['tv', '7'], 'an unseen label is missing, not added');
  device.categories?.push('radio'); // as a GBDT refresh grows the shared spec
  t.is(reader.matrix(samples.slice(4)).columns[1][0], 2);

  const growing = new SampleColumns(features(), { growCategories: true });
  t.deepEqual(Array.from(growing.matrix(samples).columns[1]), [0, 1, NaN, NaN, 2]);
  t.deepEqual(growing.features[1].categories, ['tv', '7', 'radio']);
});
