import type { Logger } from '@tmrm/common';

/**
 * Resolves once SIGTERM or SIGINT arrived and `stop` finished (or failed, which is logged):
 * the graceful shutdown of an app.
 */
export function untilSignal(log: Logger, stop: () => Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    const onSignal = (signal: string) => {
      log.info({ signal }, 'shutdown requested');
      stop().then(resolve, (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        resolve();
      });
    };
    process.once('SIGTERM', () => onSignal('SIGTERM'));
    process.once('SIGINT', () => onSignal('SIGINT'));
  });
}
