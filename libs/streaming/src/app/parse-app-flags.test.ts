import test from 'ava';
import { ConfigError } from '@tmrm/common';
import { parseAppFlags } from './parse-app-flags';

test('string flags, switches and --help', (t) => {
  t.deepEqual(parseAppFlags(['--port', '0', '--refresh'], ['port', 'group'], ['refresh']), {
    values: { port: '0' },
    switches: new Set(['refresh']),
  });
  t.deepEqual(parseAppFlags([], ['port'], ['refresh']), { values: {}, switches: new Set() });
  t.is(parseAppFlags(['--port', '1', '--help'], ['port']), 'help');
});

test('an unknown flag or a stray argument fails pointing to --help', (t) => {
  t.throws(() => parseAppFlags(['--bogus', '1'], ['port']), {
    instanceOf: ConfigError,
    message: /arguments = "--bogus 1": .*bogus.*see --help/,
  });
  t.throws(() => parseAppFlags(['extra'], ['port']), { instanceOf: ConfigError });
  t.throws(() => parseAppFlags(['--port'], ['port']), { message: /port/ });
});
