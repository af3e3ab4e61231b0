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

test('state caps: profiles, histories and id vocabulary are configurable', (t) => {
  const defaults = readTrainerConfig([], {});
  if (defaults === 'help') return t.fail();
  t.deepEqual(
    [defaults.maxProfiles, defaults.maxHistoryUsers, defaults.idVocabulary],
    [100_000, 100_000, 10_000],
  );
  const config = readTrainerConfig(['--max-profiles', '5000', '--id-vocabulary', '0'], {
    TMRM_MAX_HISTORY_USERS: '2000',
  });
  if (config === 'help') return t.fail();
  t.deepEqual([config.maxProfiles, config.maxHistoryUsers, config.idVocabulary], [5000, 2000, 0]);
  t.throws(() => readTrainerConfig(['--max-profiles', '0'], {}), {
    message: /--max-profiles \(TMRM_MAX_PROFILES\) = "0"/,
  });
});
