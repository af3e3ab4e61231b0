import type { Admin, Kafka } from 'kafkajs';
import { createLogger, silentLogger, type Logger } from '@tmrm/common';
import {
  connectionFromEnv,
  connectWithRetry,
  createKafka,
  UnknownTopicError,
  type ConnectWithRetryOptions,
} from '@tmrm/kafka';

/** What every Kafka command needs: a client, the broker list for errors, a logger. */
export interface CliKafka {
  kafka: Kafka;
  brokers: string[];
  logger: Logger;
  /** Short retries: a person at a terminal should hear within seconds that no broker answers. */
  connect: Pick<ConnectWithRetryOptions, 'maxAttempts' | 'initialBackoffMs'>;
}

/** The Kafka client of a command, from the environment (`KAFKA_BROKERS` and friends). */
export function cliKafka(command: string): CliKafka {
  const connection = connectionFromEnv();
  const logger = createLogger({ name: `tmrm ${command}`, level: logLevel() });
  // kafkajs logs every failed connection attempt as an error; the command's own error
  // says it once, so kafkajs is heard only when TMRM_LOG_LEVEL asks for it.
  const kafkaLogger = process.env.TMRM_LOG_LEVEL ? logger : silentLogger;
  return {
    kafka: createKafka({ connection, logger: kafkaLogger, retries: 2 }),
    brokers: connection.brokers,
    logger,
    connect: { maxAttempts: 2, initialBackoffMs: 500 },
  };
}

/** Connects an admin client, or fails naming the brokers and what was tried. */
export async function connectAdmin(session: CliKafka, operation: string): Promise<Admin> {
  const admin = session.kafka.admin();
  await connectWithRetry(admin, {
    brokers: session.brokers,
    operation,
    logger: session.logger,
    ...session.connect,
  });
  return admin;
}

/** Fails with {@link UnknownTopicError} (listing what exists) unless `topic` exists. */
export async function requireTopic(admin: Admin, topic: string): Promise<void> {
  const known = await admin.listTopics();
  if (!known.includes(topic)) throw new UnknownTopicError(topic, known);
}

// kafkajs warns loudly about routine things (rebalances, group joins); a command line
// shows warnings only when asked through TMRM_LOG_LEVEL.
function logLevel(): 'error' | undefined {
  return process.env.TMRM_LOG_LEVEL ? undefined : 'error';
}
