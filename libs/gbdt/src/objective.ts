/** The losses the trees are fitted to. */
export type ObjectiveName = 'logloss' | 'squared-error';

/**
 * Gradient and hessian of the loss in the margin m (the raw sum of leaf values).
 *
 * Logloss with p = sigmoid(m): loss = -y log p - (1-y) log(1-p), so
 * dloss/dm = p - y and d2loss/dm2 = p(1-p); the hessian is floored at 1e-16 so a
 * node of confident rows still has a finite Newton step.
 * Squared error, loss = (m - y)^2 / 2: gradient m - y, hessian 1.
 */
export function computeGradients(
  objective: ObjectiveName,
  labels: Float64Array,
  margins: Float64Array,
  gradHess: Float64Array,
): void {
  const n = labels.length;
  if (objective === 'logloss') {
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-margins[i]));
      gradHess[2 * i] = p - labels[i];
      gradHess[2 * i + 1] = Math.max(p * (1 - p), 1e-16);
    }
  } else {
    for (let i = 0; i < n; i++) {
      gradHess[2 * i] = margins[i] - labels[i];
      gradHess[2 * i + 1] = 1;
    }
  }
}

/**
 * The starting margin: the constant that minimises the loss, logit(mean label)
 * for logloss (clipped away from 0 and 1) and the mean for squared error.
 */
export function baseMargin(objective: ObjectiveName, labels: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < labels.length; i++) sum += labels[i];
  const mean = labels.length > 0 ? sum / labels.length : objective === 'logloss' ? 0.5 : 0;
  if (objective === 'squared-error') return mean;
  const p = Math.min(Math.max(mean, 1e-6), 1 - 1e-6);
  return Math.log(p / (1 - p));
}

/** Mean loss of margins: logloss (computed stably from the margin) or root mean squared error. */
export function objectiveMetric(
  objective: ObjectiveName,
  labels: Float64Array,
  margins: Float64Array,
): number {
  const n = labels.length;
  let total = 0;
  if (objective === 'logloss') {
    // -y log p - (1-y) log(1-p) = log(1 + e^m) - y m, with log(1+e^m) = max(m,0) + log1p(e^-|m|).
    for (let i = 0; i < n; i++) {
      const m = margins[i];
      total += Math.max(m, 0) + Math.log1p(Math.exp(-Math.abs(m))) - labels[i] * m;
    }
    return total / n;
  }
  for (let i = 0; i < n; i++) total += (margins[i] - labels[i]) ** 2;
  return Math.sqrt(total / n);
}

export function sigmoid(margin: number): number {
  return 1 / (1 + Math.exp(-margin));
}
