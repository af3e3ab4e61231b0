import test from 'ava';
import { brokerLayout } from './layout';
import { serverProperties } from './server-properties';

test('the layout falls back from options to environment to defaults', (t) => {
  const layout = brokerLayout({ port: 29092, stateDir: '/tmp/tmrm-x', jarsDir: '/tmp/jars' });
  t.is(layout.port, 29092);
  t.is(layout.controllerPort, 29093);
  t.is(layout.stateDir, '/tmp/tmrm-x');
  t.is(layout.jarsDir, '/tmp/jars');
});

test('a bad port is rejected with the option, the value and the rule', (t) => {
  t.throws(() => brokerLayout({ port: 80 }), {
    message: 'port = 80: must be an integer port between 1024 and 65535',
  });
  t.throws(() => brokerLayout({ port: 29092, controllerPort: 29092 }), {
    message: /controllerPort = 29092: must differ/,
  });
});

test('the broker listens on loopback only, in KRaft combined mode', (t) => {
  const text = serverProperties(brokerLayout({ port: 29092, stateDir: '/s' }), '/s/data');
  t.regex(text, /^process\.roles=broker,controller$/m);
  t.regex(text, /^listeners=PLAINTEXT:\/\/127\.0\.0\.1:29092,CONTROLLER:\/\/127\.0\.0\.1:29093$/m);
  t.regex(text, /^log\.dirs=\/s\/data$/m);
  t.regex(text, /^auto\.create\.topics\.enable=false$/m);
});
