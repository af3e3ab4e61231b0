import test from 'ava';
import { interaction, itemProfile, marbleScheduler, userProfile } from './testing/marbles';
import { featurize } from './featurize';
import { RecentBehaviour } from './recent-behaviour';
import type { JoinedEvent } from './types';

const ann = userProfile('u1', 30, 'f');
const film = itemProfile('i1', ['Drama', 'Comedy']);
const evening = { categorical: { device: 'tv' }, numeric: { hour: 21 }, multi: {} };

function joined(overrides: Partial<JoinedEvent> = {}): JoinedEvent {
  const event = interaction({ context: evening });
  return { event, label: 1, synthetic: false, user: ann, item: film, ...overrides };
}

test('builds fields from ids, profiles, context and counters of the past only', (t) => {
  marbleScheduler(t).run(({ cold, expectObservable }) => {
    const behaviour = new RecentBehaviour();
    const first = joined();
    const again = joined({ event: interaction({ eventId: 'e2', context: evening }) });
    const base = { user_id: 'u1', item_id: 'i1', age: 30, gender: 'f', device: 'tv', hour: 21 };
    const genre = ['Drama', 'Comedy'];
    const sample = (positives: number) => ({
      fields: {
        ...base,
        genre,
        user_recent_positives: positives,
        item_recent_popularity: positives,
      },
      label: 1,
    });
    const { user: _u, item: _i, ...firstRest } = first;
    const { user: _u2, item: _i2, ...againRest } = again;
    expectObservable(cold('a-b|', { a: first, b: again }).pipe(featurize({ behaviour }))).toBe(
      '                    a-b|',
      { a: { ...firstRest, sample: sample(0) }, b: { ...againRest, sample: sample(1) } },
    );
  });
});

test('a missing profile leaves only ids, context and counters', (t) => {
  marbleScheduler(t).run(({ cold, expectObservable }) => {
    const behaviour = new RecentBehaviour();
    const lonely = joined({ user: null, item: null, label: 0 });
    const { user: _u, item: _i, ...rest } = lonely;
    const fields = {
      user_id: 'u1',
      item_id: 'i1',
      device: 'tv',
      hour: 21,
      user_recent_positives: 0,
      item_recent_popularity: 0,
    };
    expectObservable(cold('a|', { a: lonely }).pipe(featurize({ behaviour }))).toBe('a|', {
      a: { ...rest, sample: { fields, label: 0 } },
    });
  });
});

test('synthetic negatives are featurized but not recorded as behaviour', (t) => {
  const behaviour = new RecentBehaviour();
  marbleScheduler(t).run(({ cold, expectObservable }) => {
    const fake = joined({ synthetic: true, label: 0 });
    expectObservable(cold('a|', { a: fake }).pipe(featurize({ behaviour }))).toBe('a|', {
      a: {
        event: fake.event,
        label: 0,
        synthetic: true,
        sample: {
          fields: {
            user_id: 'u1',
            item_id: 'i1',
            age: 30,
            gender: 'f',
            genre: ['Drama', 'Comedy'],
            device: 'tv',
            hour: 21,
            user_recent_positives: 0,
            item_recent_popularity: 0,
          },
          label: 0,
        },
      },
    });
  });
  t.deepEqual(behaviour.history('u1'), []);
});
