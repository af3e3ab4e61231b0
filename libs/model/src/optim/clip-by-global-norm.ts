/**
 * The factor that scales a set of gradients so their joint L2 norm is at most `clipNorm`
 * (1 when it already is, or when clipping is off with `clipNorm` = Infinity). Non-finite
 * gradients give 0: the step is skipped rather than writing NaN into the parameters.
 */
export function clipScale(gradients: readonly Float32Array[], clipNorm: number): number {
  let sumSquares = 0;
  for (const gradient of gradients) {
    for (let i = 0; i < gradient.length; i++) sumSquares += gradient[i] * gradient[i];
  }
  if (!Number.isFinite(sumSquares)) return 0;
  const norm = Math.sqrt(sumSquares);
  return norm > clipNorm ? clipNorm / norm : 1;
}
