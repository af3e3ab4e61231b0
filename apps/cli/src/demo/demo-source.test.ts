import test from 'ava';
import { ConfigError } from '@tmrm/common';
import { demoSource, type DemoFlags } from './demo-source';

const defaults: DemoFlags = {
  users: 300,
  items: 150,
  seed: 7,
  negatives: 0,
  requests: 5,
  k: 5,
  appLogLevel: 'warn',
};

test('synthetic by default, 12,000 events unless --events says otherwise', (t) => {
  t.deepEqual(demoSource(defaults), {
    kind: 'synthetic',
    users: 300,
    items: 150,
    events: 12_000,
    seed: 7,
  });
  t.like(demoSource({ ...defaults, events: 500 }), { kind: 'synthetic', events: 500 });
});

test('--dataset with --path reads a data set, all of it unless --events', (t) => {
  const flags = { ...defaults, dataset: 'ml-100k', path: '/data/ml-100k' };
  t.deepEqual(demoSource(flags), {
    kind: 'dataset',
    dataset: 'ml-100k',
    path: '/data/ml-100k',
    mappingPath: undefined,
    events: undefined,
  });
});

test('half a data-set choice or an unknown kind fails naming the flag and the fix', (t) => {
  t.throws(() => demoSource({ ...defaults, dataset: 'ml-100k' }), {
    instanceOf: ConfigError,
    message: /--dataset = "ml-100k": needs --path too.*pass --path/,
  });
  t.throws(() => demoSource({ ...defaults, path: '/data' }), {
    message: /--path = "\/data": needs --dataset too/,
  });
  t.throws(() => demoSource({ ...defaults, dataset: 'ml-7', path: '/data' }), {
    message: /--dataset = "ml-7": must be one of .*ml-100k/,
  });
});
