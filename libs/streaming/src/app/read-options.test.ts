import test from 'ava';
import { ConfigError } from '@tmrm/common';
import { OptionReader } from './read-options';

test('a flag wins over the environment, which wins over the default', (t) => {
  const reader = new OptionReader(
    { 'batch-size': '64' },
    { TMRM_BATCH_SIZE: '32', TMRM_PORT: '9000' },
  );
  t.is(reader.integer('batch-size', 'TMRM_BATCH_SIZE', 256, 1), 64);
  t.is(reader.integer('port', 'TMRM_PORT', 9464, 0, 65535), 9000);
  t.is(reader.integer('trees', 'TMRM_TREES', 30, 1), 30);
});

test('a bad value fails naming the flag, the variable, the value and the rule', (t) => {
  const reader = new OptionReader({}, { TMRM_PORT: '99999' });
  const error = t.throws(() => reader.integer('port', 'TMRM_PORT', 9464, 0, 65535), {
    instanceOf: ConfigError,
  });
  t.is(error?.message, '--port (TMRM_PORT) = "99999": must be an integer in 0..65535');
  t.throws(
    () =>
      new OptionReader({ mode: 'grow' }, {}).choice('mode', 'M', 'rebuild', ['rebuild', 'refit']),
    {
      message: /must be one of rebuild, refit/,
    },
  );
});
