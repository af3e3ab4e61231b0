import type { Message } from 'kafkajs';
import type { KeyPartitions } from './key-partitions';

/**
 * The messages of one replay batch, split into `requestCount` produce requests by partition:
 * partition p goes to request p mod `requestCount`, so no two requests of a batch share a
 * partition. The requests of a batch can then travel together while each partition still
 * receives its messages in order (the next batch waits for the whole of this one), and a
 * retried request cannot overtake another on the same partition.
 */
export class PartitionedBatch {
  private requests: Message[][];
  private count = 0;

  constructor(
    private readonly partitions: KeyPartitions,
    private readonly requestCount: number,
  ) {
    this.requests = this.emptyRequests();
  }

  /** Messages added since the last {@link take}. */
  get size(): number {
    return this.count;
  }

  /** Adds a message with the key's cached bytes and partition. */
  add(key: string, value: Buffer): void {
    const placement = this.partitions.of(key);
    this.requests[placement.partition % this.requestCount].push({
      key: placement.key,
      value,
      partition: placement.partition,
    });
    this.count++;
  }

  /** The non-empty requests, in order; the batch starts empty again. */
  take(): Message[][] {
    const taken = this.requests.filter((messages) => messages.length > 0);
    this.requests = this.emptyRequests();
    this.count = 0;
    return taken;
  }

  private emptyRequests(): Message[][] {
    return Array.from({ length: this.requestCount }, () => []);
  }
}
