import { Kafka, logLevel, type LogEntry } from 'kafkajs';
import { silentLogger, type Logger } from '@tmrm/common';
import { connectionFromEnv, type ConnectionSettings } from './connection';

/** Options for {@link createKafka}. */
export interface CreateKafkaOptions {
  /** Connection settings; defaults to {@link connectionFromEnv}. */
  connection?: ConnectionSettings;
  /** Where kafkajs's own log lines go, under the `kafkajs` component. */
  logger?: Logger;
  /** Milliseconds to wait for a TCP connection to a broker. */
  connectionTimeoutMs?: number;
  /** Retries of a failed request, with kafkajs's exponential backoff. */
  retries?: number;
}

/**
 * A kafkajs client for the configured cluster, logging through the given logger.
 * Credentials never reach the log: kafkajs does not log them, and the settings
 * object is not logged here.
 */
export function createKafka(options: CreateKafkaOptions = {}): Kafka {
  const connection = options.connection ?? connectionFromEnv();
  const log = (options.logger ?? silentLogger).child({ component: 'kafkajs' });
  return new Kafka({
    clientId: connection.clientId,
    brokers: connection.brokers,
    ssl: connection.ssl,
    sasl: connection.sasl,
    connectionTimeout: options.connectionTimeoutMs ?? 3_000,
    retry: { retries: options.retries ?? 5, initialRetryTime: 300, maxRetryTime: 10_000 },
    logLevel: logLevel.INFO,
    logCreator: () => (entry: LogEntry) => {
      const { message, ...context } = entry.log;
      const fields = { namespace: entry.namespace, ...context };
      if (entry.level === logLevel.ERROR) log.error(fields, message);
      else if (entry.level === logLevel.WARN) log.warn(fields, message);
      else if (entry.level === logLevel.INFO) log.debug(fields, message);
      else log.trace(fields, message);
    },
  });
}
