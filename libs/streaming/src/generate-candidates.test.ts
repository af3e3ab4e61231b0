import test from 'ava';
import { ConfigError } from '@tmrm/common';
import { generateCandidates } from './generate-candidates';
import { RecentBehaviour } from './recent-behaviour';

function world(): RecentBehaviour {
  const behaviour = new RecentBehaviour({ popularityWindowEvents: 1_000 });
  // Fans of "matrix" also like "inception" (three times) and "alien" (once).
  for (const fan of ['f1', 'f2', 'f3']) {
    behaviour.record(fan, 'matrix', true);
    behaviour.record(fan, 'inception', true);
  }
  behaviour.record('f4', 'matrix', true);
  behaviour.record('f4', 'alien', true);
  // "toy-story" is the most popular item overall, liked alone by many.
  for (let k = 0; k < 10; k += 1) behaviour.record(`kid${k}`, 'toy-story', true);
  behaviour.record('me', 'matrix', true);
  behaviour.record('me', 'heat', false);
  return behaviour;
}

test('co-occurring items first, then popular ones, never what the user consumed', (t) => {
  const behaviour = world();
  const candidates = generateCandidates({ behaviour, userId: 'me', maxCandidates: 4 });
  t.deepEqual(candidates, ['inception', 'alien', 'toy-story']);
  t.false(candidates.includes('matrix'));
  t.false(candidates.includes('heat'));
});

test('a user without history gets the popular items', (t) => {
  const candidates = generateCandidates({ behaviour: world(), userId: 'new', maxCandidates: 2 });
  t.deepEqual(candidates, ['toy-story', 'matrix']);
});

test('co-occurrence lists stay within their bound', (t) => {
  const behaviour = new RecentBehaviour({
    historyPerUser: 100,
    coOccurrence: { maxNeighboursPerItem: 3 },
  });
  for (let k = 0; k < 20; k += 1) behaviour.record('u', `i${k}`, true);
  t.is(behaviour.coOccurrence.of('i0').size, 3);
  t.throws(() => generateCandidates({ behaviour, userId: 'u', maxCandidates: 0 }), {
    instanceOf: ConfigError,
  });
});
