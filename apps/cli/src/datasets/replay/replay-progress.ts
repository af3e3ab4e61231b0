import cliProgress from 'cli-progress';
import type { ReplayProgress } from './replay-dataset';

/**
 * Shows replay progress: a bar with rate and ETA on a terminal, a plain line every few seconds
 * otherwise (logs, CI).
 */
export interface ProgressDisplay {
  update(progress: ReplayProgress): void;
  stop(): void;
}

export function progressDisplay(
  stream: NodeJS.WriteStream = process.stderr,
  plainEveryMs = 5000,
): ProgressDisplay {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format:
          'replay {bar} {percentage}% | {value}/{total} events | {rate} ev/s | ETA {eta_formatted}',
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(progress) {
        const rate = Math.round((progress.eventsSent / Math.max(1, progress.elapsedMs)) * 1000);
        if (!started) {
          bar.start(progress.end, progress.position, { rate });
          started = true;
        } else bar.update(progress.position, { rate });
      },
      stop() {
        if (started) bar.stop();
        started = false;
      },
    };
  }
  let lastMs = -Infinity;
  return {
    update(progress) {
      if (progress.elapsedMs - lastMs < plainEveryMs) return;
      lastMs = progress.elapsedMs;
      stream.write(plainLine(progress) + '\n');
    },
    stop: () => undefined,
  };
}

/** E.g. `replay: 120000/600000 events (20.0%), 54321 events/s, ETA 9 s`. */
export function plainLine(progress: ReplayProgress): string {
  const rate = (progress.eventsSent / Math.max(1, progress.elapsedMs)) * 1000;
  const percent = progress.end > 0 ? (100 * progress.position) / progress.end : 100;
  const etaS = rate > 0 ? Math.round((progress.end - progress.position) / rate) : NaN;
  return (
    `replay: ${progress.position}/${progress.end} events (${percent.toFixed(1)}%), ` +
    `${Math.round(rate)} events/s, ETA ${Number.isNaN(etaS) ? '?' : `${etaS} s`}`
  );
}
