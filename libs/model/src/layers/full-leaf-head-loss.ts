import * as tf from '@tensorflow/tfjs';
import { customGradient } from './custom-gradient';

/**
 * The paper's L2 with the full leaf head, fused with head 2's product for speed: the same value
 * and gradient as `fullLeafLoss(head2Input, leafWeights, activeLeafMatrix(leafIds, B, p))`
 * (mean over the batch of the BCE summed over all p leaves), up to float32 rounding.
 *
 * Why fused: with p = 5,000 the step is three [B x (d+1) x p] products and elementwise work on
 * B·p logits. On the wasm backend exp, log, log1p and abs run one scalar libm call per element
 * (50 to 60 ms each for 2.5M logits) while sigmoid, mul, sub and prod are vectorised (3 to 10
 * ms), and a large transpose costs 30 ms. So the loss is written with sigmoid, mul and one log
 * per chunk of c logits, and the logits are laid out transposed, [p, B], which lets all three
 * products run without transposing anything of size B·p.
 *
 * Derivation. With r = 2y − 1 (+1 for an active leaf, −1 otherwise) and t = σ(r·z):
 *   BCE(σ(z), y) = −y log σ(z) − (1 − y) log σ(−z) = −log σ(r·z) = −log t,
 *   ∂BCE/∂z = σ(z) − y = r·(t − 1)   (y = 1: σ(z) − 1; y = 0: −(σ(−z) − 1) = σ(z)).
 * A chunk of c logits contributes −log Π t, one log instead of c. Each t is σ of the margin
 * r·z, so it is near 1 for every well-predicted leaf and the product stays far from float32's
 * underflow; a chunk whose product falls under 1e-30 (its loss above ~69) is recomputed exactly
 * on the host as Σ max(−v, 0) + log1p(e^{−|v|}), v = r·z. t is σ of the margin itself, not
 * 1 − σ(−margin), so a badly wrong leaf keeps its full relative precision.
 *
 * `leafIds` holds the T active leaf ids of each sample (sample-major), `signs` a scratch
 * buffer for r reused across calls (see {@link LeafSignScratch}).
 */
export function fullLeafHeadLoss(
  head2Input: tf.Tensor2D,
  leafWeights: tf.Tensor2D,
  leafIds: Int32Array,
  signs: LeafSignScratch,
): tf.Scalar {
  const [batchSize] = head2Input.shape;
  const [leafCount] = leafWeights.shape;
  const fused = customGradient((x: tf.Tensor2D, w: tf.Tensor2D, save: tf.GradSaveFunc) => {
    const r = tf.tensor2d(signs.fill(leafIds, batchSize, leafCount), [leafCount, batchSize]);
    const margins = tf.mul(r, tf.matMul(w, tf.transpose(x))) as tf.Tensor2D;
    const t = tf.sigmoid(margins);
    save([x, w, r, t]);
    const total = chunkedNegativeLogSum(t, margins);
    return {
      value: tf.scalar(total / batchSize),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ws, rs, ts] = saved as tf.Tensor2D[];
        const scale = tf.div(dy, batchSize);
        const g = tf.mul(rs, tf.sub(ts, 1)) as tf.Tensor2D;
        const dxT = tf.matMul(tf.transpose(ws), g);
        return [tf.mul(tf.transpose(dxT), scale), tf.mul(tf.matMul(g, xs), scale)];
      },
    };
  });
  return fused(head2Input, leafWeights) as tf.Scalar;
}

/** Chunks whose product of t falls under this are recomputed exactly (float32 min ~1.2e-38). */
const underflowGuard = 1e-30;

/** Σ −log t over all elements, with `margins` (t = σ(margins)) for the exact fallback. */
function chunkedNegativeLogSum(t: tf.Tensor2D, margins: tf.Tensor2D): number {
  const size = t.size;
  const chunk = chunkSize(size);
  const products = tf.tidy(() => tf.prod(tf.reshape(t, [size / chunk, chunk]), 1).dataSync());
  let total = 0;
  const fallback: number[] = [];
  for (let i = 0; i < products.length; i++) {
    if (products[i] >= underflowGuard) total -= Math.log(products[i]);
    else fallback.push(i);
  }
  if (fallback.length === 0) return total;
  const exact = tf.tidy(() => {
    const rows = tf.reshape(margins, [size / chunk, chunk]);
    return tf.gather(rows, tf.tensor1d(fallback, 'int32')).dataSync();
  });
  for (let i = 0; i < exact.length; i++) {
    const v = exact[i];
    total += Math.max(-v, 0) + Math.log1p(Math.exp(-Math.abs(v)));
  }
  return total;
}

/**
 * The largest divisor of `size` up to 64. A chunk of 64 leaves the model is unsure of (t ≈ ½,
 * as at initialisation) multiplies to 2^-64 ≈ 5e-20, far above the guard, so only chunks with
 * badly wrong leaves take the exact path. A size with no divisor above 1 still works, slowly.
 */
function chunkSize(size: number): number {
  for (let c = 64; c > 1; c--) if (size % c === 0) return c;
  return 1;
}

/**
 * Holds the [p, B] matrix of r = 2y − 1 between steps: filled with −1 once, then each call
 * resets the previous call's +1 entries and sets its own (B·T writes instead of B·p).
 * The filled array is handed to `tf.tensor2d`, which copies it on wasm; on the cpu backend the
 * tensor keeps the array, which is safe because the tensor dies with the step's tf.tidy
 * before the next call refills it.
 */
export class LeafSignScratch {
  private values = new Float32Array(0);
  private setAt = new Int32Array(0);

  fill(leafIds: Int32Array, batchSize: number, leafCount: number): Float32Array {
    if (this.values.length !== batchSize * leafCount) {
      this.values = new Float32Array(batchSize * leafCount).fill(-1);
      this.setAt = new Int32Array(0);
    }
    for (const at of this.setAt) this.values[at] = -1;
    const treeCount = leafIds.length / batchSize;
    const setAt = new Int32Array(leafIds.length);
    for (let i = 0; i < leafIds.length; i++) {
      const sample = Math.floor(i / treeCount);
      setAt[i] = leafIds[i] * batchSize + sample;
      this.values[setAt[i]] = 1;
    }
    this.setAt = setAt;
    return this.values;
  }
}
