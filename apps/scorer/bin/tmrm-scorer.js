#!/usr/bin/env node
// The tmrm scorer, run from its TypeScript sources through tsx (no build step), with the
// workspace tsconfig mapping the @tmrm/* imports to the libraries' sources.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../../../tsconfig.json', import.meta.url)) });
await import('../src/main.ts');
