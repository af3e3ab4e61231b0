import { SingleBar } from 'cli-progress';
import type { EvalProgress } from '@tmrm/eval';

/** Shows evaluation progress and is stopped when the run ends or fails. */
export interface ProgressReporter {
  update(progress: EvalProgress): void;
  stop(): void;
}

/**
 * A progress bar with the current step and an ETA on a terminal; on anything
 * else (a log file, CI) one plain line per step started and per quarter of a
 * long step, so logs stay readable.
 */
export function progressReporter(stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  return stream.isTTY ? barReporter(stream) : lineReporter(stream);
}

function barReporter(stream: NodeJS.WriteStream): ProgressReporter {
  const bar = new SingleBar({
    stream,
    format:
      'eval [{bar}] {percentage}% | step {stepNumber}/{totalSteps} {step} | ETA {eta_formatted}',
    barsize: 24,
    hideCursor: true,
    etaBuffer: 50,
  });
  let started = false;
  return {
    update(progress) {
      const value = (progress.completedSteps + progress.stepFraction) * 100;
      const payload = {
        step: progress.step,
        stepNumber: Math.min(progress.totalSteps, progress.completedSteps + 1),
        totalSteps: progress.totalSteps,
      };
      if (!started) {
        bar.start(progress.totalSteps * 100, value, payload);
        started = true;
      } else bar.update(value, payload);
    },
    stop: () => started && bar.stop(),
  };
}

function lineReporter(stream: NodeJS.WriteStream): ProgressReporter {
  let lastStep = '';
  let lastQuarter = -1;
  const startedMs = performance.now();
  return {
    update(progress) {
      const quarter = Math.floor(progress.stepFraction * 4);
      if (progress.step === lastStep && quarter <= lastQuarter) return;
      if (progress.step !== lastStep) lastQuarter = -1;
      lastStep = progress.step;
      lastQuarter = quarter;
      const elapsed = ((performance.now() - startedMs) / 1000).toFixed(0);
      stream.write(
        `eval: step ${progress.completedSteps + 1}/${progress.totalSteps} ${progress.step} ` +
          `${Math.round(progress.stepFraction * 100)}% (${elapsed} s)\n`,
      );
    },
    stop() {
      // Plain lines need no clean-up.
    },
  };
}
