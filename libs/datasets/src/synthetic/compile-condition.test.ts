import test from 'ava';
import { compileCondition, renderConditions } from './compile-condition';

const sample = { age: 30, category: 'Books', genre: ['Drama', 'Comedy'], hour: 21 };

test('numeric ranges are closed with ] and half-open with )', (t) => {
  t.true(compileCondition({ feature: 'age', op: 'in', value: '[25, 34]' })(sample));
  t.true(compileCondition({ feature: 'age', op: 'in', value: '[30, 34]' })(sample));
  t.false(compileCondition({ feature: 'age', op: 'in', value: '[25, 30)' })(sample));
  t.false(compileCondition({ feature: 'age', op: 'not in', value: '[25, 34]' })(sample));
});

test('comparisons, equality, sets and missing values', (t) => {
  t.true(compileCondition({ feature: 'hour', op: '>=', value: '20' })(sample));
  t.false(compileCondition({ feature: 'hour', op: '<', value: '20' })(sample));
  t.true(compileCondition({ feature: 'category', op: '=', value: 'Books' })(sample));
  t.true(compileCondition({ feature: 'category', op: '!=', value: 'Games' })(sample));
  t.true(compileCondition({ feature: 'genre', op: '=', value: 'Drama' })(sample));
  t.true(compileCondition({ feature: 'genre', op: 'in', value: '{Horror, Comedy}' })(sample));
  t.false(compileCondition({ feature: 'genre', op: 'not in', value: '{Drama}' })(sample));
  t.true(compileCondition({ feature: 'brand', op: 'is missing', value: '' })(sample));
  t.false(compileCondition({ feature: 'brand', op: '!=', value: 'x' })(sample));
  t.true(compileCondition({ feature: 'age', op: 'is not missing', value: '' })(sample));
});

test('bad conditions fail at compile time naming the feature', (t) => {
  t.throws(() => compileCondition({ feature: 'age', op: '~', value: '1' }), {
    message: /condition age\.op = "~"/,
  });
  t.throws(() => compileCondition({ feature: 'age', op: '<', value: 'old' }), {
    message: /condition age\.value = "old": must be a number/,
  });
  t.throws(() => compileCondition({ feature: 'age', op: 'in', value: '25..34' }), {
    message: /numeric range like \[25, 34\]/,
  });
});

test('conditions render as a feature path', (t) => {
  t.is(
    renderConditions([
      { feature: 'age', op: 'in', value: '[25, 34]' },
      { feature: 'brand', op: 'is missing', value: '' },
    ]),
    'age in [25, 34] AND brand is missing',
  );
});

test('= on a numeric feature compares numbers (the GBDT writes one-value integer ranges so)', (t) => {
  const eleven = compileCondition({ feature: 'user_recent_positives', op: '=', value: '11' });
  t.true(eleven({ user_recent_positives: 11 }));
  t.false(eleven({ user_recent_positives: 12 }));
  t.false(eleven({}));
  const notEleven = compileCondition({ feature: 'user_recent_positives', op: '!=', value: '11' });
  t.true(notEleven({ user_recent_positives: 12 }));
  t.false(notEleven({ user_recent_positives: 11 }));
  t.true(compileCondition({ feature: 'genre', op: '=', value: 'Drama' })({ genre: ['Drama'] }));
});
