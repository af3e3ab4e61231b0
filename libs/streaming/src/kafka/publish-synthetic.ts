import type { Producer } from 'kafkajs';
import type { SyntheticDataset } from '@tmrm/datasets';
import { codecFor, type InteractionEvent, type ItemProfile, type UserProfile } from '@tmrm/schemas';

const eventCodec = codecFor('InteractionEvent');
const userCodec = codecFor('UserProfile');
const itemCodec = codecFor('ItemProfile');

/** The synthetic generator's samples as interaction events: a click, or a view without one. */
export function* syntheticEvents(
  dataset: SyntheticDataset,
  limit = Infinity,
): Generator<InteractionEvent> {
  for (const sample of dataset.samples()) {
    if (sample.index >= limit) return;
    yield {
      eventId: `e${sample.index}`,
      userId: sample.userId,
      itemId: sample.itemId,
      eventType: sample.label === 1 ? 'click' : 'view',
      value: null,
      eventTimeMs: sample.eventTimeMs,
      context: sample.context,
    };
  }
}

/**
 * Publishes a data set's profiles to the compacted profile topics, keyed by id: a synthetic
 * data set, or any profiles shaped like its `world` (a real data set's, read by `openDataset`).
 */
export async function publishProfiles(options: {
  producer: Producer;
  dataset: { world: { userProfiles: UserProfile[]; itemProfiles: ItemProfile[] } };
  userTopic: string;
  itemTopic: string;
}): Promise<number> {
  const { producer, dataset } = options;
  const users = dataset.world.userProfiles.map((p) => ({
    key: p.userId,
    value: userCodec.encode(p),
  }));
  const items = dataset.world.itemProfiles.map((p) => ({
    key: p.itemId,
    value: itemCodec.encode(p),
  }));
  await producer.send({ topic: options.userTopic, acks: -1, messages: users });
  await producer.send({ topic: options.itemTopic, acks: -1, messages: items });
  return users.length + items.length;
}

/**
 * Publishes events keyed by user id (so one user's events stay in order on one partition), in
 * acknowledged sends of `batchSize`. Replay of real data sets lives in @tmrm/datasets (`tmrm
 * replay`); this small publisher serves the demo and the end-to-end tests.
 */
export async function publishEvents(options: {
  producer: Producer;
  topic: string;
  events: Iterable<InteractionEvent>;
  batchSize?: number;
}): Promise<number> {
  const size = options.batchSize ?? 1_000;
  let batch: { key: string; value: Buffer }[] = [];
  let sent = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await options.producer.send({ topic: options.topic, acks: -1, messages: batch });
    sent += batch.length;
    batch = [];
  };
  for (const event of options.events) {
    batch.push({ key: event.userId, value: eventCodec.encode(event) });
    if (batch.length >= size) await flush();
  }
  await flush();
  return sent;
}
