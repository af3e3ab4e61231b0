import test from 'ava';
import { ConfigError } from '@tmrm/common';
import type { InteractionEvent } from '@tmrm/schemas';
import { interaction, marbleScheduler } from './testing/marbles';
import { labelEvents } from './label-events';

const click = interaction({ eventId: 'c', eventType: 'click' });
const view = interaction({ eventId: 'v', eventType: 'view' });
const liked = interaction({ eventId: 'r5', eventType: 'rating', value: 5 });
const poor = interaction({ eventId: 'r2', eventType: 'rating', value: 2 });
const unrated = interaction({ eventId: 'r?', eventType: 'rating', value: null });
const cart = interaction({ eventId: 'a', eventType: 'add_to_cart' });

const positioned = { c: click, v: view, r: liked, d: poor, n: unrated, a: cart };
const inputs = Object.fromEntries(
  Object.entries(positioned).map(([key, event]) => [key, { event }]),
);
const labelled = (event: InteractionEvent, label: 0 | 1) => ({ event, label, synthetic: false });

test('labels clicks, carts and good ratings 1, views and poor ratings 0; drops unrated', (t) => {
  marbleScheduler(t).run(({ cold, expectObservable }) => {
    const events = '  c-v-r-d-n-a-|';
    const expected = 'c-v-r-d---a-|';
    expectObservable(cold(events, inputs).pipe(labelEvents())).toBe(expected, {
      c: labelled(click, 1),
      v: labelled(view, 0),
      r: labelled(liked, 1),
      d: labelled(poor, 0),
      a: labelled(cart, 1),
    });
  });
});

test('a policy can change the threshold and drop types it does not list', (t) => {
  marbleScheduler(t).run(({ cold, expectObservable }) => {
    const policy = { positive: ['click' as const], negative: [], ratingThreshold: 2 };
    const events = '  c-v-r-d-a-|';
    const expected = 'c---r-d---|';
    expectObservable(cold(events, inputs).pipe(labelEvents(policy))).toBe(expected, {
      c: labelled(click, 1),
      r: labelled(liked, 1),
      d: labelled(poor, 1),
    });
  });
});

test('keeps the record position for acknowledgement', (t) => {
  marbleScheduler(t).run(({ cold, expectObservable }) => {
    const source = { topic: 'interactions', partition: 2, offset: '17' };
    expectObservable(cold('x|', { x: { event: click, source } }).pipe(labelEvents())).toBe(
      '                    x|',
      { x: { ...labelled(click, 1), source } },
    );
  });
});

test('rejects a policy listing a type as both positive and negative', (t) => {
  const error = t.throws(() => labelEvents({ positive: ['view'], negative: ['view'] }), {
    instanceOf: ConfigError,
  });
  t.regex(error?.message ?? '', /view.*both positive and negative/);
});
