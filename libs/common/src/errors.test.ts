import test from 'ava';
import { ConfigError, TmrmError } from './errors';

test('TmrmError keeps its cause and says whether a retry can help', (t) => {
  const cause = new Error('socket closed');
  const error = new TmrmError('fetch failed', { retriable: true, cause });
  t.is(error.name, 'TmrmError');
  t.true(error.retriable);
  t.is(error.cause, cause);
});

test('ConfigError names the option, the value, the rule and the fix', (t) => {
  const error = new ConfigError('maxBins', 1000, 'must be between 2 and 256', 'lower it');
  t.is(error.message, 'maxBins = 1000: must be between 2 and 256; lower it');
  t.is(error.option, 'maxBins');
  t.false(error.retriable);
  t.true(error instanceof TmrmError);
});
