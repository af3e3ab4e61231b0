import type { IHeaders } from 'kafkajs';

/** Where a record came from, handed to the decoder next to its bytes. */
export interface RecordMeta {
  topic: string;
  partition: number;
  /** The record's offset in its partition, as a decimal string (Kafka offsets are 64-bit). */
  offset: string;
  key: Buffer | null;
  headers: IHeaders;
  /** The record's timestamp, epoch milliseconds. */
  timestampMs: number;
}

/**
 * A decoded record from {@link fromTopic}. Call `ack()` once the pipeline is done
 * with it (its results are durable elsewhere); only then can its offset be
 * committed. Calling `ack()` again does nothing.
 */
export interface KafkaRecord<T> extends RecordMeta {
  value: T;
  ack(): void;
}

/** Turns a record's value bytes (`null` for a tombstone) into a value; may throw to reject it. */
export type RecordDecoder<T> = (bytes: Buffer | null, meta: RecordMeta) => T;
