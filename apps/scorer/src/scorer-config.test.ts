import test from 'ava';
import { ConfigError } from '@tmrm/common';
import { readScorerConfig } from './scorer-config';

test('defaults, environment and flags combine', (t) => {
  const config = readScorerConfig(['--paths-per-item', '5'], { TMRM_SCORER_GROUP: 'g' });
  if (config === 'help') return t.fail();
  t.is(config.pathsPerItem, 5);
  t.is(config.groupId, 'g');
  t.is(config.host, '127.0.0.1');
});

test('bad input fails clearly', (t) => {
  t.throws(() => readScorerConfig(['--max-k', '0'], {}), {
    instanceOf: ConfigError,
    message: '--max-k (TMRM_MAX_K) = "0": must be an integer in 1..10000',
  });
  t.throws(() => readScorerConfig(['extra'], {}), { instanceOf: ConfigError });
});
