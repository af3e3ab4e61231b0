import { SeededRandom } from '../random/seeded-random';
import type { ResolvedProtocolOptions } from './protocol-options';

export const TRAIN = 0;
export const VALID = 1;
export const TEST = 2;
export const SPLIT_NAMES = ['train', 'valid', 'test'] as const;

/**
 * Assigns each anchor (a positive with its negatives, or a labelled event) to train, valid or
 * test, so a positive and its sampled negatives always land in the same split.
 *
 * - `random`: each anchor independently, with the configured probabilities.
 * - `time`: by event time: the last `testFraction` of the time range is test, the
 *   `validFraction` before it valid (a share of time, not of events).
 * - `leave-last`: per user, the last n anchors by time are test and the n before valid; a
 *   user with n or fewer keeps them all in train.
 */
export function assignSplits(
  anchors: { userIndex: Int32Array; timeMs: Float64Array; count: number },
  options: ResolvedProtocolOptions,
): Uint8Array {
  const split = new Uint8Array(anchors.count);
  if (options.split === 'random') {
    const random = new SeededRandom((options.seed ^ 0x5b1175) >>> 0);
    for (let a = 0; a < anchors.count; a++) {
      const u = random.next();
      split[a] =
        u < options.testFraction
          ? TEST
          : u < options.testFraction + options.validFraction
            ? VALID
            : TRAIN;
    }
  } else if (options.split === 'time') {
    let minMs = Infinity;
    let maxMs = -Infinity;
    for (let a = 0; a < anchors.count; a++) {
      minMs = Math.min(minMs, anchors.timeMs[a]);
      maxMs = Math.max(maxMs, anchors.timeMs[a]);
    }
    const testStartMs = maxMs - options.testFraction * (maxMs - minMs);
    const validStartMs = testStartMs - options.validFraction * (maxMs - minMs);
    for (let a = 0; a < anchors.count; a++) {
      const t = anchors.timeMs[a];
      split[a] =
        options.testFraction > 0 && t >= testStartMs
          ? TEST
          : options.validFraction > 0 && t >= validStartMs
            ? VALID
            : TRAIN;
    }
  } else {
    leaveLast(anchors, options.leaveLastN, split);
  }
  return split;
}

function leaveLast(
  anchors: { userIndex: Int32Array; timeMs: Float64Array; count: number },
  n: number,
  split: Uint8Array,
): void {
  const byUser = new Map<number, number[]>();
  for (let a = 0; a < anchors.count; a++) {
    const list = byUser.get(anchors.userIndex[a]);
    if (list) list.push(a);
    else byUser.set(anchors.userIndex[a], [a]);
  }
  for (const list of byUser.values()) {
    // Ties in time keep input order, so the split does not depend on the sort's stability.
    list.sort((x, y) => anchors.timeMs[x] - anchors.timeMs[y] || x - y);
    const count = list.length;
    if (count > n) for (let k = count - n; k < count; k++) split[list[k]] = TEST;
    if (count > 2 * n) for (let k = count - 2 * n; k < count - n; k++) split[list[k]] = VALID;
  }
}
