#!/usr/bin/env node
// The `tmrm` command. The sources are TypeScript, run through tsx so that
// `npx tmrm` works straight after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
