import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import test from 'ava';
import { createLogger } from '@tmrm/common';
import { connectionFromEnv, createKafka } from '@tmrm/kafka';
import { brokerLayout, startBroker, stopBroker } from '@tmrm/kafka-broker';

// A broker of this file's own, with SASL and TLS listeners beside the plain
// one, checks that the settings users give through KAFKA_* variables really
// reach kafkajs, and that secrets never show in logs or error messages.

const username = 'alice';
const password = 'pw-7f3c9e-do-not-log';
const stateDir = mkdtempSync(join(tmpdir(), 'tmrm-security-'));
const base = 21_000 + Math.floor(Math.random() * 400) * 4;
const certFile = join(stateDir, 'cert.pem');
const layout = brokerLayout({
  port: base,
  controllerPort: base + 1,
  stateDir,
  sasl: { port: base + 2, users: [{ username, password }] },
  tls: { port: base + 3, keystoreFile: join(stateDir, 'keystore.pem') },
});

test.before(async () => {
  const keyFile = join(stateDir, 'key.pem');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
    '-keyout', keyFile, '-out', certFile,
  ], { stdio: 'ignore' }); // prettier-ignore
  writeFileSync(layout.tls!.keystoreFile, readFileSync(keyFile, 'utf8') + readFileSync(certFile));
  await startBroker(layout, { heap: '512m', log: () => undefined });
});

test.after.always(async () => {
  await stopBroker(layout, () => undefined);
  rmSync(stateDir, { recursive: true, force: true });
});

/** A logger at trace level whose every line is kept for inspection. */
function capturingLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: createLogger({ name: 'security-test', level: 'trace', destination }) };
}

async function describeCluster(env: NodeJS.ProcessEnv, logger = capturingLogger().logger) {
  const kafka = createKafka({ connection: connectionFromEnv(env), logger, retries: 0 });
  const admin = kafka.admin();
  try {
    await admin.connect();
    return await admin.describeCluster();
  } finally {
    await admin.disconnect();
  }
}

for (const mechanism of ['plain', 'scram-sha-256', 'scram-sha-512']) {
  test.serial(`SASL ${mechanism} credentials from the environment authenticate`, async (t) => {
    const cluster = await describeCluster({
      KAFKA_BROKERS: `127.0.0.1:${layout.sasl!.port}`,
      KAFKA_SASL_MECHANISM: mechanism,
      KAFKA_SASL_USERNAME: username,
      KAFKA_SASL_PASSWORD: password,
    });
    t.is(cluster.brokers[0]?.port, layout.sasl!.port);
  });
}

test.serial('a wrong password is refused without the password in errors or logs', async (t) => {
  const { lines, logger } = capturingLogger();
  const wrong = 'wrong-pw-5b1d2a-do-not-log';
  const error = await t.throwsAsync(
    describeCluster(
      {
        KAFKA_BROKERS: `127.0.0.1:${layout.sasl!.port}`,
        KAFKA_SASL_MECHANISM: 'scram-sha-256',
        KAFKA_SASL_USERNAME: username,
        KAFKA_SASL_PASSWORD: wrong,
      },
      logger,
    ),
  );
  t.regex(error!.message, /SASL|authenticat/i);
  t.true(lines.length > 0, 'the failure is logged');
  for (const text of [error!.message, String(error!.stack), ...lines]) {
    t.false(text.includes(wrong));
    t.false(text.includes(password));
  }
});

test.serial(
  'TLS with the broker certificate as CA connects; without it, it is refused',
  async (t) => {
    const broker = `127.0.0.1:${layout.tls!.port}`;
    const cluster = await describeCluster({ KAFKA_BROKERS: broker, KAFKA_SSL_CA_FILE: certFile });
    t.is(cluster.brokers[0]?.port, layout.tls!.port);
    await t.throwsAsync(describeCluster({ KAFKA_BROKERS: broker, KAFKA_SSL: 'true' }));
  },
);
