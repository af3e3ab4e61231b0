import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import test from 'ava';
import { bufferCount, from, lastValueFrom, tap, toArray } from 'rxjs';
import { FeatureEncoder, resolveFieldSpecs } from '@tmrm/model';
import type { InteractionEvent, UserProfile } from '@tmrm/schemas';
import {
  featurize,
  inferModelFields,
  joinProfiles,
  labelEvents,
  LeafEncoding,
  ProfileStore,
  RecentBehaviour,
  type PositionedEvent,
} from '@tmrm/streaming';

// A million distinct users stream through the trainer's state: the profile store (a profile
// per user from the compacted topic), the recent-behaviour histories and co-occurrence counts,
// featurize, the GBDT leaf encoding and the model's vocabularies. Every one is capped (LRU or
// hashing), so resident memory levels off however many users arrive. The network's training
// step is left out: its memory is fixed by the model's size, and on wasm it would take 20
// minutes for a million samples. No broker is needed; the test lives with the fault tests, in
// the integration run, because it takes tens of seconds.

const USERS = 1_000_000;
const ITEMS = 2_000;
/** Growth of the live heap allowed between 200,000 users and 1,000,000 users. */
const MAX_HEAP_GROWTH_MB = 16;
/** Resident memory allowed at the end, for this test process as a whole. */
const MAX_RSS_MB = 500;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Resident memory and the live heap after a full collection, in MiB. */
function memoryMb(): { rss: number; heap: number } {
  gc();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss: rss / 2 ** 20, heap: heapUsed / 2 ** 20 };
}

function* stream(store: ProfileStore, first: number, end: number): Generator<PositionedEvent> {
  for (let i = first; i < end; i++) {
    const userId = `user-${i}`;
    const profile: UserProfile = {
      userId,
      features: {
        categorical: { country: `c${i % 40}`, device: i % 3 === 0 ? 'mobile' : 'desktop' },
        numeric: { age: 18 + (i % 60) },
        multi: {},
      },
      updatedAtMs: 1_700_000_000_000 + i,
    };
    store.apply({ kind: 'user', key: userId, profile }); // a new user's profile arrives first
    const event: InteractionEvent = {
      eventId: `e${i}`,
      userId,
      itemId: `item-${(i * 7919) % ITEMS}`,
      eventType: (i * 31) % 5 < 2 ? 'click' : 'view',
      value: null,
      eventTimeMs: 1_700_000_000_000 + i,
      context: { categorical: {}, numeric: { hour: i % 24 }, multi: {} },
    };
    yield { event, source: { topic: 'interactions', partition: 0, offset: String(i) } };
  }
}

test('a million distinct users: capped state, resident memory levels off', async (t) => {
  const caps = { profiles: 50_000, behaviourUsers: 50_000, coOccurrenceItems: 5_000 };
  const store = new ProfileStore({ maxUsers: caps.profiles, maxItems: 10_000 });
  const behaviour = new RecentBehaviour({
    maxUsers: caps.behaviourUsers,
    historyPerUser: 20,
    popularityWindowEvents: 10_000,
    coOccurrence: { maxItems: caps.coOccurrenceItems, maxNeighboursPerItem: 20 },
  });
  const pipeline = (first: number, end: number) =>
    from(stream(store, first, end)).pipe(
      labelEvents(),
      joinProfiles({ store }),
      featurize({ behaviour }),
    );
  const memory: { users: number; rss: number; heap: number }[] = [];
  const started = Date.now();

  // The cold start: the first window gives the GBDT and the model's fields.
  const COLD = 2_000;
  const window = (await lastValueFrom(pipeline(0, COLD).pipe(toArray()))).map((x) => x.sample);
  const encoding = await LeafEncoding.fit(window, 'g1', { trees: 10, maxDepth: 3 });
  const encoder = new FeatureEncoder(resolveFieldSpecs(inferModelFields(window)));
  let seen = COLD;
  await lastValueFrom(
    pipeline(COLD, USERS).pipe(
      bufferCount(2_000),
      tap((batch) => {
        const samples = batch.map((item) => item.sample);
        encoding.encode(samples);
        encoder.encode(samples, { train: true });
        seen += samples.length;
        if (seen % 200_000 === 0) memory.push({ users: seen, ...memoryMb() });
      }),
    ),
  );
  t.log(`${USERS} users in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const shown = memory.map((m) => `${m.users / 1000}k: ${m.rss.toFixed(0)}/${m.heap.toFixed(0)}`);
  t.log(`resident/heap MiB after ${shown.join(', ')}`);

  t.is(store.stats().users, caps.profiles, 'the profile store holds its cap');
  t.is(store.stats().evicted, USERS - caps.profiles);
  t.true(behaviour.coOccurrence.items <= caps.coOccurrenceItems);
  t.is(behaviour.history('user-0').length, 0, 'the oldest users were forgotten');
  t.is(behaviour.history(`user-${USERS - 1}`).length, 1);
  const vocabulary = encoder.toState().vocabularies.user_id;
  t.is(vocabulary.values.length, 10_000, 'user ids beyond the cap share hashed rows');
  t.true(vocabulary.pendingCounts.length <= 4 * 10_000 + 1_024);

  const first = memory[0];
  const last = memory[memory.length - 1];
  const growth = last.heap - first.heap;
  t.true(growth < MAX_HEAP_GROWTH_MB, `heap grew ${growth.toFixed(1)} MiB after 200k users`);
  t.true(last.rss < MAX_RSS_MB, `resident ${last.rss.toFixed(0)} MiB at the end`);
});
