import type { BrokerLayout } from './layout';

/**
 * The configuration of a single-node KRaft broker: one process is both broker
 * and controller, listens on loopback only, and keeps every internal topic at
 * replication factor 1. Topics are never created implicitly, so a typo in a
 * topic name is an error instead of a silent new topic.
 */
export function serverProperties(layout: BrokerLayout, dataDir: string): string {
  const listeners = [
    `PLAINTEXT://127.0.0.1:${layout.port}`,
    `CONTROLLER://127.0.0.1:${layout.controllerPort}`,
  ];
  const protocols = ['CONTROLLER:PLAINTEXT', 'PLAINTEXT:PLAINTEXT'];
  const extra: Record<string, string> = {};
  if (layout.sasl) {
    listeners.push(`SASL_PLAINTEXT://127.0.0.1:${layout.sasl.port}`);
    protocols.push('SASL_PLAINTEXT:SASL_PLAINTEXT');
    Object.assign(extra, saslSettings(layout.sasl));
  }
  if (layout.tls) {
    listeners.push(`SSL://127.0.0.1:${layout.tls.port}`);
    protocols.push('SSL:SSL');
    extra['listener.name.ssl.ssl.keystore.type'] = 'PEM';
    extra['listener.name.ssl.ssl.keystore.location'] = layout.tls.keystoreFile;
  }
  const advertised = listeners.filter((listener) => !listener.startsWith('CONTROLLER:'));

  const settings: Record<string, string | number> = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.voters': `1@127.0.0.1:${layout.controllerPort}`,
    listeners: listeners.join(','),
    'advertised.listeners': advertised.join(','),
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': protocols.join(','),
    'log.dirs': dataDir,
    'num.partitions': 1,
    'auto.create.topics.enable': 'false',
    'offsets.topic.replication.factor': 1,
    'offsets.topic.num.partitions': 10,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'group.initial.rebalance.delay.ms': 0,
    'message.max.bytes': 8 * 1024 * 1024,
    'log.retention.hours': 168,
    'log.segment.bytes': 256 * 1024 * 1024,
    ...extra,
  };
  return Object.entries(settings)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n')
    .concat('\n');
}

/**
 * PLAIN checks passwords against the JAAS entries below; SCRAM checks them
 * against credentials stored in the cluster metadata, which `StorageTool format
 * --add-scram` writes (see {@link scramFormatArguments}).
 */
function saslSettings(sasl: NonNullable<BrokerLayout['sasl']>): Record<string, string> {
  const plainUsers = sasl.users
    .map(({ username, password }) => `user_${username}=${JSON.stringify(password)}`)
    .join(' ');
  return {
    'sasl.enabled.mechanisms': 'PLAIN,SCRAM-SHA-256,SCRAM-SHA-512',
    'listener.name.sasl_plaintext.plain.sasl.jaas.config': `org.apache.kafka.common.security.plain.PlainLoginModule required ${plainUsers};`,
    'listener.name.sasl_plaintext.scram-sha-256.sasl.jaas.config':
      'org.apache.kafka.common.security.scram.ScramLoginModule required;',
    'listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config':
      'org.apache.kafka.common.security.scram.ScramLoginModule required;',
  };
}

/** The `--add-scram` arguments that store each SASL user's SCRAM credentials at format time. */
export function scramFormatArguments(layout: BrokerLayout): string[] {
  return (layout.sasl?.users ?? []).flatMap(({ username, password }) =>
    ['SCRAM-SHA-256', 'SCRAM-SHA-512'].flatMap((mechanism) => [
      '--add-scram',
      `${mechanism}=[name=${username},password=${password}]`,
    ]),
  );
}
