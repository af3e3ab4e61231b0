/** The serialisable state of a {@link RunningScaler}. */
export interface RunningScalerState {
  count: number;
  mean: number;
  sumSquares: number;
}

/**
 * Standardises one numeric field with running statistics from the training stream
 * (Welford's update, stable for long streams), clipped to [-5, 5] so outliers cannot blow up
 * the FM terms. Before two values are seen it only centres.
 */
export class RunningScaler {
  private count = 0;
  private mean = 0;
  private sumSquares = 0;

  observe(value: number): void {
    this.count++;
    const delta = value - this.mean;
    this.mean += delta / this.count;
    this.sumSquares += delta * (value - this.mean);
  }

  scale(value: number): number {
    const std = this.count > 1 ? Math.sqrt(this.sumSquares / (this.count - 1)) : 1;
    const z = (value - this.mean) / (std > 1e-12 ? std : 1);
    return Math.max(-5, Math.min(5, z));
  }

  toState(): RunningScalerState {
    return { count: this.count, mean: this.mean, sumSquares: this.sumSquares };
  }

  static fromState(state: RunningScalerState): RunningScaler {
    const scaler = new RunningScaler();
    scaler.count = state.count;
    scaler.mean = state.mean;
    scaler.sumSquares = state.sumSquares;
    return scaler;
  }
}
