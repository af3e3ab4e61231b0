import { avaConfig } from '../ava.config.base.mjs';

// End-to-end tests: whole commands and apps against the real broker.
export default avaConfig({
  files: ['e2e/**/*.kafka.test.ts', 'faults/**/*.kafka.test.ts'],
  timeout: '600s',
  serial: true,
});
