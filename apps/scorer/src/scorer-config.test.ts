import test from 'ava';
import { ConfigError } from '@tmrm/common';
import { readScorerConfig } from './scorer-config';

test('defaults, environment and flags combine', (t) => {
  const config = readScorerConfig(['--paths-per-item', '5'], { TMRM_SCORER_GROUP: 'g' });
  if (config === 'help') return t.fail();
  t.is(config.pathsPerItem, 5);
  t.is(config.groupId, 'g');
  t.is(config.host, '127.0.0.1');
  t.is(config.maxRequestCandidates, 1_000);
  t.is(config.maxRequestBytes, 1_048_576);
});

test('request caps come from flags or the environment', (t) => {
  const config = readScorerConfig(['--max-request-candidates', '50'], {
    TMRM_MAX_REQUEST_BYTES: '4096',
  });
  if (config === 'help') return t.fail();
  t.is(config.maxRequestCandidates, 50);
  t.is(config.maxRequestBytes, 4096);
});

test('bad input fails clearly', (t) => {
  t.throws(() => readScorerConfig(['--max-k', '0'], {}), {
    instanceOf: ConfigError,
    message: '--max-k (TMRM_MAX_K) = "0": must be an integer in 1..10000',
  });
  t.throws(() => readScorerConfig(['extra'], {}), { instanceOf: ConfigError });
});

test('refreshed recommendations after interactions: off by default, on by flag or env', (t) => {
  const off = readScorerConfig([], {});
  const byFlag = readScorerConfig(['--refresh-on-interaction', '--refresh-k', '4'], {});
  const byEnv = readScorerConfig([], { TMRM_REFRESH_ON_INTERACTION: 'true' });
  if (off === 'help' || byFlag === 'help' || byEnv === 'help') return t.fail();
  t.false(off.refreshOnInteraction);
  t.is(off.refreshK, 10);
  t.true(byFlag.refreshOnInteraction);
  t.is(byFlag.refreshK, 4);
  t.true(byEnv.refreshOnInteraction);
  t.throws(() => readScorerConfig([], { TMRM_REFRESH_ON_INTERACTION: 'yes' }), {
    message: /\(TMRM_REFRESH_ON_INTERACTION\) = "yes": must be one of true, false/,
  });
});
