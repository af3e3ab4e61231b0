// Shared ava settings. Each project has a small ava.config.mjs that picks its own
// files: `*.test.ts` are the fast unit tests (no broker), `*.kafka.test.ts` need
// a running broker and run under the `integration` target.
export function avaConfig({ files, timeout = '120s', serial = false } = {}) {
  return {
    files,
    extensions: { ts: 'module' },
    nodeArguments: ['--import=tsx', '--no-warnings'],
    timeout,
    serial,
    workerThreads: false,
    environmentVariables: { TMRM_LOG_LEVEL: process.env.TMRM_LOG_LEVEL ?? 'silent' },
  };
}

export const unitFiles = ['src/**/*.test.ts', '!src/**/*.kafka.test.ts'];
export const integrationFiles = ['src/**/*.kafka.test.ts'];
