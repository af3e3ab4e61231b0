import type { Admin } from 'kafkajs';

/**
 * For `consume` without `--follow`: the partitions that hold records to read, each
 * with its end (the high-water mark at start). Reading starts at the group's committed
 * offset, or else at the beginning or the end as `fromBeginning` says, which is what
 * the consumer itself does; a partition whose start is already its end is left out.
 */
export async function endOffsets(
  admin: Admin,
  topic: string,
  groupId: string,
  fromBeginning: boolean,
): Promise<Map<number, bigint>> {
  const offsets = await admin.fetchTopicOffsets(topic);
  const committed = await admin.fetchOffsets({ groupId, topics: [topic] });
  const committedByPartition = new Map(
    (committed[0]?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]),
  );

  const ends = new Map<number, bigint>();
  for (const { partition, low, high } of offsets) {
    const fromCommit = committedByPartition.get(partition) ?? -1n;
    const start = fromCommit >= 0n ? fromCommit : BigInt(fromBeginning ? low : high);
    if (start < BigInt(high)) ends.set(partition, BigInt(high));
  }
  return ends;
}
