/** One progress update of an evaluation: which step, and how far it and the whole run are. */
export interface EvalProgress {
  /** What runs now, e.g. `tmrm-hu seed 2` or `sweep trees=100`. */
  step: string;
  /** Steps finished before this one. */
  completedSteps: number;
  totalSteps: number;
  /** How far the current step is, in [0, 1]. */
  stepFraction: number;
}

export type ProgressListener = (progress: EvalProgress) => void;

/** Counts steps and turns per-step fractions into {@link EvalProgress} events. */
export class ProgressTracker {
  private completed = 0;

  constructor(
    private readonly totalSteps: number,
    private readonly listener: ProgressListener | undefined,
  ) {}

  /** Runs one step, reporting its start, its fractions and its end. */
  async step<T>(name: string, run: (report: (fraction: number) => void) => Promise<T>): Promise<T> {
    const report = (fraction: number) =>
      this.listener?.({
        step: name,
        completedSteps: this.completed,
        totalSteps: this.totalSteps,
        stepFraction: Math.min(1, Math.max(0, fraction)),
      });
    report(0);
    const result = await run(report);
    report(1);
    this.completed++;
    return result;
  }
}
