import test from 'ava';
import { from, lastValueFrom, toArray } from 'rxjs';
import { ConfigError } from '@tmrm/common';
import { interaction, marbleScheduler } from './testing/marbles';
import { RecentBehaviour } from './recent-behaviour';
import { sampleNegatives } from './sample-negatives';
import type { LabelledEvent } from './types';

function positive(userId: string, itemId: string, eventId = 'e'): LabelledEvent {
  return { event: interaction({ eventId, userId, itemId }), label: 1, synthetic: false };
}

function behaviourWithPool(): RecentBehaviour {
  const behaviour = new RecentBehaviour({ popularityWindowEvents: 100 });
  for (const item of ['i1', 'i2', 'i3', 'i4', 'i5']) behaviour.record('other', item, true);
  behaviour.record('u1', 'i2', false); // u1 saw i2: never a negative for u1
  return behaviour;
}

test('adds negatives after each positive, never an item the user interacted with', (t) => {
  marbleScheduler(t).run(({ cold, expectObservable }) => {
    const behaviour = behaviourWithPool();
    const negatives = sampleNegatives({ behaviour, negativesPerPositive: 3, seed: 7 });
    const input = positive('u1', 'i1', 'p1');
    const view: LabelledEvent = { ...input, label: 0 };
    const negative = (itemId: string, n: number): LabelledEvent => ({
      event: { ...input.event, itemId, eventId: `p1#neg${n}` },
      label: 0,
      synthetic: true,
    });
    // With seed 7 the draws land on i5, i4 and i3; i1 (the positive) and i2 (seen) never.
    const events = '  a 9ms v|';
    const expected = '(abcd) 4ms v|';
    expectObservable(cold(events, { a: input, v: view }).pipe(negatives)).toBe(expected, {
      a: input,
      b: negative('i5', 0),
      c: negative('i4', 1),
      d: negative('i3', 2),
      v: view,
    });
  });
});

test('over many draws no negative is the positive or a remembered item, and seeds repeat', async (t) => {
  const run = async (seed: number) => {
    const behaviour = behaviourWithPool();
    const events = Array.from({ length: 200 }, (_, k) => positive('u1', 'i1', `p${k}`));
    return lastValueFrom(
      from(events).pipe(sampleNegatives({ behaviour, negativesPerPositive: 2, seed }), toArray()),
    );
  };
  const out = await run(3);
  const drawn = out.filter((x) => x.synthetic).map((x) => x.event.itemId);
  t.true(drawn.length > 300);
  t.false(drawn.includes('i1'));
  t.false(drawn.includes('i2'));
  t.deepEqual(await run(3), out);
});

test('an empty pool yields the positive alone; bad options fail at once', (t) => {
  marbleScheduler(t).run(({ cold, expectObservable }) => {
    const negatives = sampleNegatives({ behaviour: new RecentBehaviour() });
    const input = positive('u1', 'i1');
    expectObservable(cold('a|', { a: input }).pipe(negatives)).toBe('a|', { a: input });
  });
  t.throws(() => sampleNegatives({ behaviour: new RecentBehaviour(), negativesPerPositive: -1 }), {
    instanceOf: ConfigError,
  });
});
