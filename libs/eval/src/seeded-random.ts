import { seededRandom } from '@tmrm/common';

/** The seeded uniform generator on [0, 1) every tmrm library shares (mulberry32). */
export { seededRandom };

/** A standard normal draw from a uniform generator (Box-Muller). */
export function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** Fisher-Yates shuffle of a copy. */
export function shuffled<T>(values: readonly T[], random: () => number): T[] {
  const copy = [...values];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}
