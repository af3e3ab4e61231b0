#!/usr/bin/env node
// The `tmrm` command. The sources are TypeScript, run through tsx so that
// `npx tmrm` works straight after `npm ci` with no build step. The workspace's
// tsconfig maps the `@tmrm/*` imports to the libraries' sources.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../../../tsconfig.json', import.meta.url)) });
await import('../src/main.ts');
