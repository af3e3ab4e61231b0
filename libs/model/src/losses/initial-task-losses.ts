import type { LeafSpace } from '../model/leaf-space';
import type { LeafLoss } from '../model/model-config';

/**
 * The expected click loss L1 and leaf loss L2 (per sample) of a freshly initialised model, from
 * the initialisation alone (no data). TMRM-HU starts its log-variances at the optimum for these
 * losses (see `initialTaskParameters`), so the two tasks start balanced instead of the leaf
 * task, whose L2 is summed over every tree, outweighing the click task by two orders of
 * magnitude for the thousands of steps the log-variances take to get there.
 *
 * L1: every part of the click logit starts at or near 0 (w0 and the linear weights are 0, the
 * embeddings N(0, 0.05²) make the FM and deep parts tiny), and BCE at logit 0 is log 2 for
 * either label.
 *
 * L2: head 2's weights start at N(0, 0.01²), so every leaf logit starts at its bias b
 * (`initLeafRows`). Per tree t with L leaves, one leaf active:
 * - full BCE, b = logit(1/L) = −log(L − 1): the active leaf costs softplus(−b) = log L and each
 *   of the L − 1 others softplus(b) = log(L / (L − 1)); a one-leaf tree (b = 0) costs log 2.
 * - per-tree softmax, b = 0: −log(1/L) = log L.
 * - sampled (b = 0, m negatives, uniform proposal at the start, since no leaf has been counted):
 *   the corrected logit is −log(m/p) for every candidate, so each of the T active leaves costs
 *   softplus(log(m/p)) = log(1 + m/p) and each distinct sampled negative softplus(−log(m/p)) =
 *   log(1 + p/m); m draws with replacement give D = p·(1 − (1 − 1/p)^m) distinct leaves, of
 *   which a fraction T/p are active for the sample (and counted as its positives), so
 *   L2 = T·log(1 + m/p) + D·(1 − T/p)·log(1 + p/m). One batch shares one draw, so a single
 *   batch's L2 scatters around this by the spread of D.
 */
export function expectedInitialLosses(leafSpace: LeafSpace, leafLoss: LeafLoss): [number, number] {
  const click = Math.LN2;
  const counts = leafSpace.spec.treeLeafCounts;
  if (leafLoss.kind === 'per-tree-softmax') {
    return [click, counts.reduce((sum, leaves) => sum + Math.log(leaves), 0)];
  }
  if (leafLoss.kind === 'full') {
    const perTree = (leaves: number) =>
      leaves === 1 ? Math.LN2 : Math.log(leaves) + (leaves - 1) * Math.log(leaves / (leaves - 1));
    return [click, counts.reduce((sum, leaves) => sum + perTree(leaves), 0)];
  }
  const p = leafSpace.leafCount;
  const m = leafLoss.negatives;
  const distinct = p * (1 - (1 - 1 / p) ** m);
  const trees = leafSpace.treeCount;
  const negatives = distinct * (1 - trees / p);
  return [click, trees * Math.log1p(m / p) + negatives * Math.log1p(p / m)];
}
