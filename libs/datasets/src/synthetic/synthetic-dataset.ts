import { SeededRandom } from '../random/seeded-random';
import type { Condition, Features } from '../records';
import { compileCondition, renderConditions, type FlatFeatures } from './compile-condition';
import type { PlantedCross } from './planted-crosses';
import { resolveSyntheticOptions, type SyntheticOptions } from './synthetic-options';
import { createSyntheticWorld, type SyntheticWorld } from './synthetic-world';

/** One labelled impression drawn from the synthetic click model. */
export interface SyntheticSample {
  /** Position in the stream, 0-based; events are in non-decreasing time order. */
  index: number;
  userId: string;
  itemId: string;
  eventTimeMs: number;
  /** Context: `hour` (0-23, UTC), `weekday` (`Sun`..`Sat`); shared between samples, read-only. */
  context: Features;
  /** User, item and context features in one flat map, as the planted crosses read them. */
  features: FlatFeatures;
  /** The true click probability of the model. */
  clickProbability: number;
  /** 1 for a click, 0 for an impression without one. */
  label: 0 | 1;
  /** Names of the planted crosses active on this sample. */
  activeCrosses: string[];
}

/** What the generator knows to be true, written as `truth.json`. */
export interface SyntheticTruth {
  format: 'tmrm-synthetic-truth';
  version: 1;
  /** logit P(click) = bias + userEffect[user] + itemEffect[item] + sum of active cross weights. */
  model: string;
  options: {
    users: number;
    items: number;
    events: number;
    seed: number;
    startTimeMs: number;
    spanMs: number;
    userEffectSd: number;
    itemEffectSd: number;
    popularityExponent: number;
  };
  bias: number;
  crosses: { name: string; conditions: Condition[]; text: string; weight: number }[];
  userEffects: Record<string, number>;
  itemEffects: Record<string, number>;
}

/** A synthetic data set: its fixed world, its truth, and a replayable stream of samples. */
export interface SyntheticDataset {
  world: SyntheticWorld;
  truth: SyntheticTruth;
  /** A fresh generator over all events; every call yields the identical sequence. */
  samples(): Generator<SyntheticSample>;
}

export const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/**
 * Builds a synthetic click data set whose truth is known: clicks follow a logistic model with a
 * bias, a random effect per user and per item, and planted two- and three-way feature crosses.
 *
 * @example
 * const { samples, truth } = createSyntheticDataset({
 *   users: 100, items: 50, events: 1000, seed: 7,
 * });
 * for (const sample of samples()) console.log(sample.features, sample.label);
 */
export function createSyntheticDataset(options: SyntheticOptions): SyntheticDataset {
  const resolved = resolveSyntheticOptions(options);
  const world = createSyntheticWorld(resolved);
  const crosses = resolved.crosses.map((cross) => ({
    cross,
    tests: cross.conditions.map(compileCondition),
  }));
  const truth = describeTruth(resolved, world, resolved.crosses);

  // The 168 distinct contexts are built once and shared by the samples; treat them as read-only.
  const contexts = new Map<string, Features>();
  const contextOf = (weekday: string, hour: number): Features => {
    const key = `${weekday}${hour}`;
    let context = contexts.get(key);
    if (!context) {
      context = { categorical: { weekday }, numeric: { hour }, multi: {} };
      contexts.set(key, context);
    }
    return context;
  };

  function* samples(): Generator<SyntheticSample> {
    const random = new SeededRandom((resolved.seed ^ 0x5eed5eed) >>> 0);
    const slotMs = resolved.spanMs / Math.max(1, resolved.events);
    for (let index = 0; index < resolved.events; index++) {
      const user = random.int(resolved.users);
      const item = world.itemExposure.draw(random);
      // One time slot per event, jittered inside it, so times never decrease.
      const eventTimeMs = resolved.startTimeMs + Math.floor((index + random.next()) * slotMs);
      const hour = Math.floor(eventTimeMs / HOUR_MS) % 24;
      // 1970-01-01 was a Thursday, index 4 of WEEKDAYS.
      const weekday = WEEKDAYS[(Math.floor(eventTimeMs / DAY_MS) + 4) % 7];
      // Built field by field: object spread of two source shapes is very slow in V8 here.
      const u = world.userFeatures[user];
      const i = world.itemFeatures[item];
      const features: FlatFeatures = {
        age: u.age,
        gender: u.gender,
        region: u.region,
        device: u.device,
        category: i.category,
        brand: i.brand,
        price_band: i.price_band,
        release_year: i.release_year,
        hour,
        weekday,
      };

      let logit = resolved.bias + world.userEffects[user] + world.itemEffects[item];
      const activeCrosses: string[] = [];
      for (const { cross, tests } of crosses) {
        let active = true;
        for (let c = 0; c < tests.length && active; c++) active = tests[c](features);
        if (active) {
          logit += cross.weight;
          activeCrosses.push(cross.name);
        }
      }
      const clickProbability = 1 / (1 + Math.exp(-logit));
      yield {
        index,
        userId: `u${user}`,
        itemId: `i${item}`,
        eventTimeMs,
        context: contextOf(weekday, hour),
        features,
        clickProbability,
        label: random.next() < clickProbability ? 1 : 0,
        activeCrosses,
      };
    }
  }

  return { world, truth, samples };
}

function describeTruth(
  options: ReturnType<typeof resolveSyntheticOptions>,
  world: SyntheticWorld,
  crosses: readonly PlantedCross[],
): SyntheticTruth {
  const round = (value: number) => Math.round(value * 1e6) / 1e6;
  const userEffects: Record<string, number> = {};
  world.userProfiles.forEach((p, u) => (userEffects[p.userId] = round(world.userEffects[u])));
  const itemEffects: Record<string, number> = {};
  world.itemProfiles.forEach((p, i) => (itemEffects[p.itemId] = round(world.itemEffects[i])));
  return {
    format: 'tmrm-synthetic-truth',
    version: 1,
    model:
      'logit P(click) = bias + userEffects[userId] + itemEffects[itemId] + sum of the weights ' +
      'of the crosses whose conditions all hold',
    options: {
      users: options.users,
      items: options.items,
      events: options.events,
      seed: options.seed,
      startTimeMs: options.startTimeMs,
      spanMs: options.spanMs,
      userEffectSd: options.userEffectSd,
      itemEffectSd: options.itemEffectSd,
      popularityExponent: options.popularityExponent,
    },
    bias: options.bias,
    crosses: crosses.map((cross) => ({
      name: cross.name,
      conditions: cross.conditions.map((c) => ({ ...c })),
      text: renderConditions(cross.conditions),
      weight: cross.weight,
    })),
    userEffects,
    itemEffects,
  };
}
