import { SeededRandom } from '../random/seeded-random';
import { WeightedSampler } from '../random/weighted-sampler';
import type { ItemProfile, UserProfile } from '../records';
import type { FlatFeatures } from './compile-condition';
import type { ResolvedSyntheticOptions } from './synthetic-options';

export const GENDERS = ['F', 'M'] as const;
export const REGIONS = ['north', 'south', 'east', 'west', 'central'] as const;
export const DEVICES = ['mobile', 'desktop', 'tablet'] as const;
export const CATEGORIES = [
  'Books',
  'Games',
  'Music',
  'Movies',
  'Electronics',
  'Home',
  'Sports',
  'Toys',
] as const;
export const PRICE_BANDS = ['low', 'mid', 'high', 'premium'] as const;
export const BRAND_COUNT = 20;

/**
 * The fixed part of a synthetic data set: users and items with their side features and their
 * random logit effects, plus how often each item is shown. Drawn from the seed alone.
 */
export interface SyntheticWorld {
  userProfiles: UserProfile[];
  itemProfiles: ItemProfile[];
  userFeatures: FlatFeatures[];
  itemFeatures: FlatFeatures[];
  userEffects: Float64Array;
  itemEffects: Float64Array;
  itemExposure: WeightedSampler;
}

export function createSyntheticWorld(options: ResolvedSyntheticOptions): SyntheticWorld {
  const random = new SeededRandom(options.seed);
  const userProfiles: UserProfile[] = [];
  const userFeatures: FlatFeatures[] = [];
  const userEffects = new Float64Array(options.users);
  for (let u = 0; u < options.users; u++) {
    const age = 18 + random.int(53);
    const gender = random.pick(GENDERS);
    const region = random.pick(REGIONS);
    const draw = random.next();
    const device = draw < 0.55 ? 'mobile' : draw < 0.9 ? 'desktop' : 'tablet';
    userEffects[u] = random.normal() * options.userEffectSd;
    userFeatures.push({ age, gender, region, device });
    userProfiles.push({
      userId: `u${u}`,
      features: { categorical: { gender, region, device }, numeric: { age }, multi: {} },
      updatedAtMs: options.startTimeMs,
    });
  }

  const itemProfiles: ItemProfile[] = [];
  const itemFeatures: FlatFeatures[] = [];
  const itemEffects = new Float64Array(options.items);
  const exposure = new Float64Array(options.items);
  for (let i = 0; i < options.items; i++) {
    const category = random.pick(CATEGORIES);
    const brand = `brand_${random.int(BRAND_COUNT)}`;
    const priceBand = random.pick(PRICE_BANDS);
    const releaseYear = 1990 + random.int(35);
    itemEffects[i] = random.normal() * options.itemEffectSd;
    // Zipf-like exposure: the item with popularity rank r is shown in proportion to r^-s.
    exposure[i] = Math.pow(i + 1, -options.popularityExponent);
    itemFeatures.push({ category, brand, price_band: priceBand, release_year: releaseYear });
    itemProfiles.push({
      itemId: `i${i}`,
      features: {
        categorical: { category, brand, price_band: priceBand },
        numeric: { release_year: releaseYear },
        multi: {},
      },
      updatedAtMs: options.startTimeMs,
    });
  }

  return {
    userProfiles,
    itemProfiles,
    userFeatures,
    itemFeatures,
    userEffects,
    itemEffects,
    itemExposure: new WeightedSampler(exposure),
  };
}
