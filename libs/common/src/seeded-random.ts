/**
 * A seeded uniform generator on [0, 1): mulberry32, a 32-bit generator that is fast, passes the
 * usual statistical batteries for sampling rows, columns and negatives, and gives the same
 * stream for the same seed on every platform because it uses only 32-bit integer arithmetic.
 * The libraries share this one so a seed means the same draws everywhere.
 *
 * @example
 * const random = seededRandom(42);
 * const coin = random() < 0.5;
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
