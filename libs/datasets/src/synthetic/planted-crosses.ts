import type { Condition } from '../records';

/**
 * A feature cross planted into the synthetic click model: when every condition holds, `weight`
 * is added to the click logit. These are what an explanation should find again.
 */
export interface PlantedCross {
  /** A short identifier, e.g. `young_adult_books`. */
  name: string;
  conditions: Condition[];
  /** Added to the logit of the click probability when all conditions hold. */
  weight: number;
}

/**
 * The default crosses: two two-way and two three-way, mixing user, item and context features,
 * strong enough that a model without them loses clearly measurable AUC.
 */
export const DEFAULT_PLANTED_CROSSES: readonly PlantedCross[] = [
  {
    name: 'young_adult_books',
    conditions: [
      { feature: 'age', op: 'in', value: '[25, 34]' },
      { feature: 'category', op: '=', value: 'Books' },
    ],
    weight: 2.5,
  },
  {
    name: 'mobile_evening_games',
    conditions: [
      { feature: 'device', op: '=', value: 'mobile' },
      { feature: 'hour', op: '>=', value: '20' },
      { feature: 'category', op: '=', value: 'Games' },
    ],
    weight: 3,
  },
  {
    name: 'desktop_premium',
    conditions: [
      { feature: 'device', op: '=', value: 'desktop' },
      { feature: 'price_band', op: '=', value: 'premium' },
    ],
    weight: 1.5,
  },
  {
    name: 'weekend_classic_movies',
    conditions: [
      { feature: 'weekday', op: 'in', value: '{Sat, Sun}' },
      { feature: 'release_year', op: '<', value: '2000' },
      { feature: 'category', op: '=', value: 'Movies' },
    ],
    weight: 2.5,
  },
];
