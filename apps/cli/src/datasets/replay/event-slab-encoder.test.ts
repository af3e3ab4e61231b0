import test from 'ava';
import type { InteractionEvent } from '@tmrm/datasets';
import { codecFor } from '@tmrm/schemas';
import { EventSlabEncoder } from './event-slab-encoder';

const event = (i: number): InteractionEvent => ({
  eventId: `ratings:${i}`,
  userId: String(i % 97),
  itemId: String(i % 31),
  eventType: 'rating',
  value: (i % 5) + 1,
  eventTimeMs: 881_250_949_000 + i * 1000,
  context: null,
});

test('gives the same bytes as the codec, across slab boundaries (40,000 events, 2 MB)', (t) => {
  const codec = codecFor('InteractionEvent');
  const encoder = new EventSlabEncoder();
  const encoded = Array.from({ length: 40_000 }, (_, i) => encoder.encode(event(i)));
  for (let i = 0; i < encoded.length; i += 1) {
    if (!encoded[i].equals(codec.encode(event(i)))) {
      t.fail(`event ${i} differs`);
      return;
    }
  }
  t.deepEqual(codec.decode(encoded[39_999]), event(39_999));
});

test('a bad event is refused as the codec refuses it', (t) => {
  const encoder = new EventSlabEncoder();
  const bad = { ...event(1), eventTimeMs: Number.NaN };
  const fromCodec = t.throws(() => codecFor('InteractionEvent').encode(bad));
  const fromSlab = t.throws(() => encoder.encode(bad));
  t.is(fromSlab?.message, fromCodec?.message);
});
