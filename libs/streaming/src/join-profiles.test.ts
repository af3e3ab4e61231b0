import test from 'ava';
import { ignoreElements, merge } from 'rxjs';
import { interaction, itemProfile, marbleScheduler, userProfile } from './testing/marbles';
import { applyProfiles } from './apply-profiles';
import { joinProfiles } from './join-profiles';
import { ProfileStore, type ProfileUpdate } from './profile-store';

const ann = userProfile('u1', 30, 'f');
const annOlder = userProfile('u1', 31, 'f');
const film = itemProfile('i1', ['Drama']);
const updates: Record<string, ProfileUpdate> = {
  a: { kind: 'user', key: 'u1', profile: ann },
  b: { kind: 'user', key: 'u1', profile: annOlder },
  f: { kind: 'item', key: 'i1', profile: film },
  x: { kind: 'user', key: 'u1', profile: null },
};
const event = { event: interaction(), label: 1 as const, synthetic: false };

test('joins the latest profile of user and item; a tombstone removes it', (t) => {
  marbleScheduler(t).run(({ hot, expectObservable }) => {
    const store = new ProfileStore();
    const profiles = hot('-a-f--b---x--', updates);
    const events = hot('  e--e---e---e-', { e: event });
    const expected = '    p--q---r---s-';
    const joined = merge(
      profiles.pipe(applyProfiles(store), ignoreElements()),
      events.pipe(joinProfiles({ store })),
    );
    expectObservable(joined).toBe(expected, {
      p: { ...event, user: null, item: null },
      q: { ...event, user: ann, item: film },
      r: { ...event, user: annOlder, item: film },
      s: { ...event, user: null, item: film },
    });
  });
});

test('the store is bounded: beyond its cap the least recently used profile goes', (t) => {
  marbleScheduler(t).run(({ cold, expectObservable }) => {
    const store = new ProfileStore({ maxUsers: 1 });
    const two: Record<string, ProfileUpdate> = {
      a: { kind: 'user', key: 'u1', profile: ann },
      b: { kind: 'user', key: 'u2', profile: userProfile('u2', 40, 'm') },
      x: { kind: 'user', key: 'u2', profile: null },
    };
    expectObservable(cold('a-b-x|', two).pipe(applyProfiles(store))).toBe('a-b-x|', {
      a: { users: 1, items: 0, evicted: 0, tombstones: 0 },
      b: { users: 1, items: 0, evicted: 1, tombstones: 0 },
      x: { users: 0, items: 0, evicted: 1, tombstones: 1 },
    });
  });
});
