import type { FieldSpec } from '../input/field-spec';
import type { Sample } from '../input/sample';
import { SeededRandom } from '../maths/random';

/**
 * Small synthetic click data sets on which each baseline should learn, for tests and the
 * baselines benchmark. Every sample has `user_id` and `item_id` (weak random effects), so the
 * data has the fields every model requires.
 */

/** Fields of {@link pairwiseSignalSamples}. */
export const pairwiseSignalFields: FieldSpec[] = [
  { name: 'user_id', kind: 'categorical', vocabularyCap: 200, hashBuckets: 8 },
  { name: 'item_id', kind: 'categorical', vocabularyCap: 200, hashBuckets: 8 },
  { name: 'colour', kind: 'categorical', vocabularyCap: 8, hashBuckets: 2 },
  { name: 'shape', kind: 'categorical', vocabularyCap: 8, hashBuckets: 2 },
  { name: 'tags', kind: 'multi', maxValues: 2, vocabularyCap: 8, hashBuckets: 2 },
  { name: 'noise', kind: 'numeric' },
];

/**
 * A pure pairwise interaction: the click logit is 2.5·s(colour)·s(shape), with s = +1 for
 * half of the six values of each field and −1 for the other half. Every single value has the
 * same click rate, so a model without pairwise terms (LR) stays near AUC 0.5, while FM and
 * FFM can represent the signal exactly (a rank-one interaction). `tags` and `noise` are noise.
 */
export function pairwiseSignalSamples(count: number, seed: number): Sample[] {
  const random = new SeededRandom(seed);
  const values = ['v0', 'v1', 'v2', 'v3', 'v4', 'v5'];
  const tags = ['t0', 't1', 't2', 't3'];
  return Array.from({ length: count }, () => {
    const colour = random.int(6);
    const shape = random.int(6);
    const sign = (colour % 2 === 0 ? 1 : -1) * (shape < 3 ? 1 : -1);
    const logit = 2.5 * sign;
    return {
      fields: {
        user_id: `u${random.int(50)}`,
        item_id: `i${random.int(50)}`,
        colour: values[colour],
        shape: values[shape],
        tags: [tags[random.int(4)], tags[random.int(4)]],
        noise: random.normal(),
      },
      label: random.next() < 1 / (1 + Math.exp(-logit)) ? 1 : 0,
    };
  });
}

/** Fields of {@link bandSignalSamples}. */
export const bandSignalFields: FieldSpec[] = [
  { name: 'user_id', kind: 'categorical', vocabularyCap: 200, hashBuckets: 8 },
  { name: 'item_id', kind: 'categorical', vocabularyCap: 200, hashBuckets: 8 },
  { name: 'price', kind: 'numeric' },
  { name: 'hour', kind: 'numeric' },
];

/**
 * A threshold signal no linear model can rank: the click logit is −1.5 + 3·[0.35 ≤ price <
 * 0.65], not monotone in price, so LR on the scaled price stays near AUC 0.5 while two tree
 * splits find the band. `hour` is noise. Samples have no leaf ids; tests add them from a GBDT.
 */
export function bandSignalSamples(count: number, seed: number): Sample[] {
  const random = new SeededRandom(seed);
  return Array.from({ length: count }, () => {
    const price = random.next();
    const logit = -1.5 + (price >= 0.35 && price < 0.65 ? 3 : 0);
    return {
      fields: {
        user_id: `u${random.int(50)}`,
        item_id: `i${random.int(50)}`,
        price,
        hour: random.int(24),
      },
      label: random.next() < 1 / (1 + Math.exp(-logit)) ? 1 : 0,
    };
  });
}

/** Fields of {@link userTasteSamples}. */
export const userTasteFields: FieldSpec[] = [
  { name: 'user_id', kind: 'categorical', vocabularyCap: 200, hashBuckets: 8 },
  { name: 'item_id', kind: 'categorical', vocabularyCap: 200, hashBuckets: 8 },
  { name: 'category', kind: 'categorical', vocabularyCap: 8, hashBuckets: 2 },
  { name: 'price', kind: 'numeric' },
];

/**
 * Users who differ in how a numeric feature matters: the click logit is 2.5·s(user)·(±1 as
 * price is above or below 0.5), with s = +1 for even users and −1 for odd ones. Neither the
 * user nor the price alone says anything, so a model of the categorical fields cannot rank it,
 * while trees on price grown per user (GBDT-CENT's numerical trees) can.
 */
export function userTasteSamples(count: number, seed: number, users = 20): Sample[] {
  const random = new SeededRandom(seed);
  return Array.from({ length: count }, () => {
    const user = random.int(users);
    const price = random.next();
    const logit = 2.5 * (user % 2 === 0 ? 1 : -1) * (price > 0.5 ? 1 : -1);
    return {
      fields: {
        user_id: `u${user}`,
        item_id: `i${random.int(50)}`,
        category: `c${random.int(4)}`,
        price,
      },
      label: random.next() < 1 / (1 + Math.exp(-logit)) ? 1 : 0,
    };
  });
}
