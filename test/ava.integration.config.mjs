import { avaConfig } from '../ava.config.base.mjs';

// End-to-end tests: whole commands and apps against the real broker; and the fault tests
// (faults/), including a memory test that needs no broker but takes tens of seconds.
export default avaConfig({
  files: ['e2e/**/*.kafka.test.ts', 'faults/**/*.test.ts'],
  timeout: '600s',
  serial: true,
});
