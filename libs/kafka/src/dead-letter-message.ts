import type { IHeaders, Message } from 'kafkajs';

/** Header names a dead letter carries on top of the original record's headers. */
export const DEAD_LETTER_HEADERS = {
  error: 'tmrm-error',
  errorClass: 'tmrm-error-class',
  sourceTopic: 'tmrm-source-topic',
  sourcePartition: 'tmrm-source-partition',
  sourceOffset: 'tmrm-source-offset',
  failedAtMs: 'tmrm-failed-at-ms',
} as const;

/** The record that failed, as it came from the broker. */
export interface FailedRecord {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: IHeaders;
}

/** Error messages longer than this are cut, so a dead letter never outgrows the topic. */
const MAX_ERROR_CHARS = 4_000;

/**
 * The dead letter for a record that failed to decode or validate: the original
 * key, value bytes and headers untouched, plus headers saying why (the error's
 * message and class), where (source topic, partition, offset) and when (epoch ms).
 * Any ordinary Kafka tool can read and replay it.
 */
export function deadLetterMessage(
  record: FailedRecord,
  error: unknown,
  failedAtMs: number,
): Message {
  const message = error instanceof Error ? error.message : String(error);
  const errorClass = error instanceof Error ? error.name : typeof error;
  return {
    key: record.key,
    value: record.value,
    headers: {
      ...record.headers,
      [DEAD_LETTER_HEADERS.error]: message.slice(0, MAX_ERROR_CHARS),
      [DEAD_LETTER_HEADERS.errorClass]: errorClass,
      [DEAD_LETTER_HEADERS.sourceTopic]: record.topic,
      [DEAD_LETTER_HEADERS.sourcePartition]: String(record.partition),
      [DEAD_LETTER_HEADERS.sourceOffset]: record.offset,
      [DEAD_LETTER_HEADERS.failedAtMs]: String(failedAtMs),
    },
  };
}
