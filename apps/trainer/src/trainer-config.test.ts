import test from 'ava';
import { ConfigError } from '@tmrm/common';
import { readTrainerConfig } from './trainer-config';

test('defaults, environment and flags combine; flags win', (t) => {
  const config = readTrainerConfig(['--batch-size', '64', '--refresh-mode', 'refit'], {
    TMRM_BATCH_SIZE: '32',
    TMRM_TRAINER_PORT: '0',
  });
  if (config === 'help') return t.fail();
  t.is(config.batchSize, 64);
  t.is(config.refreshMode, 'refit');
  t.is(config.port, 0);
  t.is(config.host, '127.0.0.1');
  t.is(config.groupId, 'tmrm-trainer');
});

test('bad input fails clearly', (t) => {
  t.throws(() => readTrainerConfig(['--bogus'], {}), {
    instanceOf: ConfigError,
    message: /bogus.*see --help/,
  });
  t.throws(() => readTrainerConfig(['--trees', 'many'], {}), {
    message: /--trees \(TMRM_TREES\) = "many"/,
  });
  t.throws(
    () => readTrainerConfig(['--cold-start-samples', '5000', '--window-samples', '100'], {}),
    {
      message: /must be at least --cold-start-samples/,
    },
  );
  t.is(readTrainerConfig(['--help'], {}), 'help');
});
