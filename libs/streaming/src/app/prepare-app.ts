import type { Kafka } from 'kafkajs';
import type { Logger } from '@tmrm/common';
import {
  createKafka,
  ensureTopics,
  topicCatalogue,
  topicName,
  type LogicalTopic,
} from '@tmrm/kafka';
import { selectBackend } from '@tmrm/model';

/**
 * The first steps every tmrm app takes: pick the TensorFlow.js backend, connect to the broker
 * (KAFKA_BROKERS etc.), create missing topics under the prefix and check existing ones.
 * Returns the client and the full name of each logical topic.
 */
export async function prepareApp(options: {
  topicPrefix: string | undefined;
  logger: Logger;
}): Promise<{ kafka: Kafka; topic: (logical: LogicalTopic) => string }> {
  const log = options.logger;
  await selectBackend({ logger: log });
  const kafka = createKafka({ logger: log });
  const specs = topicCatalogue(
    options.topicPrefix === undefined ? {} : { prefix: options.topicPrefix },
  );
  const admin = kafka.admin();
  await admin.connect();
  try {
    await ensureTopics(admin, specs, { logger: log });
  } finally {
    await admin.disconnect();
  }
  return { kafka, topic: (logical) => topicName(specs, logical) };
}
