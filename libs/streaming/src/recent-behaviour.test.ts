import test from 'ava';
import { syntheticStream } from './testing/synthetic-stream';
import { buildSample } from './featurize';
import { RecentBehaviour } from './recent-behaviour';

const options = { historyPerUser: 5, popularityWindowEvents: 40 };

test('exported and imported counters featurize the rest of a stream exactly as before', (t) => {
  const { events, store } = syntheticStream({ users: 30, items: 20, events: 400, seed: 9 });
  const record = (behaviour: RecentBehaviour, event: (typeof events)[number]) =>
    behaviour.record(event.userId, event.itemId, event.eventType === 'click');
  const sampleOf = (behaviour: RecentBehaviour, event: (typeof events)[number]) =>
    buildSample({
      userId: event.userId,
      itemId: event.itemId,
      user: store.user(event.userId),
      item: store.item(event.itemId),
      context: event.context,
      behaviour,
    });

  const running = new RecentBehaviour(options);
  for (const event of events.slice(0, 250)) record(running, event);
  const state = JSON.parse(JSON.stringify(running.exportState({ maxUsers: 1_000 })));
  const restored = new RecentBehaviour(options);
  restored.importState(state);

  t.is(restored.windowFill, running.windowFill);
  t.deepEqual(restored.popularItems(20), running.popularItems(20));
  for (const event of events.slice(250)) {
    t.deepEqual(sampleOf(restored, event), sampleOf(running, event));
    t.is(
      restored.hasInteracted(event.userId, event.itemId),
      running.hasInteracted(event.userId, event.itemId),
    );
    record(running, event);
    record(restored, event);
  }
});

test('the export keeps only the most recently active users', (t) => {
  const behaviour = new RecentBehaviour();
  for (const userId of ['u1', 'u2', 'u3']) behaviour.record(userId, 'i1', true);
  behaviour.record('u1', 'i2', false);
  const state = behaviour.exportState({ maxUsers: 2 });
  t.deepEqual(
    state.users.map(([userId]) => userId),
    ['u3', 'u1'],
  );
  t.deepEqual(state.items, ['i1', 'i2']);
  t.deepEqual(state.users[1][1], [1, 2], 'i1 liked (0 * 2 + 1), then i2 not (1 * 2)');
});

test('counts the positives of a user as entries come and go; co-occurrence only when asked', (t) => {
  const counting = new RecentBehaviour({ historyPerUser: 3 });
  const trainerLike = new RecentBehaviour({ historyPerUser: 3, coOccurrence: false });
  const stream: [string, boolean][] = [
    ['i1', true],
    ['i2', false],
    ['i3', true],
    ['i4', true], // i1 (positive) leaves the history
    ['i5', false], // i2 (negative) leaves
  ];
  for (const [itemId, positive] of stream) {
    for (const behaviour of [counting, trainerLike]) {
      behaviour.record('u1', itemId, positive);
      const remembered = behaviour.history('u1').filter((entry) => entry.positive).length;
      t.is(behaviour.userPositives('u1'), remembered);
    }
  }
  t.is(counting.userPositives('u1'), 2);
  t.deepEqual(
    counting.history('u1').map((entry) => entry.itemId),
    ['i3', 'i4', 'i5'],
  );
  t.is(counting.coOccurrence.of('i4').get('i1'), 1);
  t.is(trainerLike.coOccurrence.items, 0);
  t.deepEqual(trainerLike.popularItems(5), counting.popularItems(5));
});
