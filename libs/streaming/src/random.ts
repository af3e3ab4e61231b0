/**
 * A seeded pseudo-random source of numbers in [0, 1): mulberry32, a 32-bit generator that is
 * fast, passes the usual statistical tests for this use and, above all, gives the same sequence
 * for the same seed on every machine, so negative sampling is reproducible.
 */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
