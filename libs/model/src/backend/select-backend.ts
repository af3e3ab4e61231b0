import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { ConfigError, silentLogger, type Logger } from '@tmrm/common';

/** The TensorFlow.js backends tmrm can train on, fastest first. */
export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

const order: BackendName[] = ['tensorflow', 'wasm', 'cpu'];
const envNames: Record<string, BackendName> = { node: 'tensorflow', wasm: 'wasm', cpu: 'cpu' };
const require = createRequire(import.meta.url);
let selected: Promise<BackendName> | null = null;
let nodeTried: Promise<boolean> | null = null;
let wasmPathsSet = false;

/**
 * Picks the backend once per process: `@tensorflow/tfjs-node` (backend `tensorflow`) when it
 * loads, else the wasm backend, else cpu. `TMRM_TF_BACKEND=node|wasm|cpu` forces one, and
 * fails clearly when that one is not present. The choice is logged once, at info.
 *
 * Note: the cpu backend is 30 to 100 times slower than wasm for training; it is a last resort.
 */
export function selectBackend(options: { logger?: Logger } = {}): Promise<BackendName> {
  selected ??= pick(options.logger ?? silentLogger);
  return selected;
}

/** The backend TensorFlow.js is running on now, such as `wasm`. */
export function activeBackend(): string {
  return tf.getBackend();
}

/** The backends that load in this process, in preference order (for tests and benchmarks). */
export async function presentBackends(): Promise<BackendName[]> {
  const present: BackendName[] = [];
  for (const name of order) if (await load(name)) present.push(name);
  return present;
}

/** Switches to `name` (tests and benchmarks that compare backends); fails if it is absent. */
export async function useBackend(name: BackendName): Promise<void> {
  if (!(await load(name)) || !(await tf.setBackend(name))) {
    throw new ConfigError('backend', name, 'is not available in this process');
  }
  await tf.ready();
}

async function pick(logger: Logger): Promise<BackendName> {
  const forced = process.env.TMRM_TF_BACKEND;
  if (forced !== undefined && forced !== '') {
    const name = envNames[forced];
    if (!name) {
      const fix = 'use node, wasm or cpu, or unset it';
      throw new ConfigError('TMRM_TF_BACKEND', forced, 'is not a backend', fix);
    }
    await useBackend(name);
    logger.info({ backend: name, forced: true }, 'tensorflow backend selected');
    return name;
  }
  for (const name of order) {
    if ((await load(name)) && (await tf.setBackend(name))) {
      await tf.ready();
      logger.info({ backend: name, forced: false }, 'tensorflow backend selected');
      return name;
    }
  }
  throw new ConfigError('backend', 'none', 'no TensorFlow.js backend could be initialised');
}

async function load(name: BackendName): Promise<boolean> {
  if (name === 'cpu') return true;
  if (name === 'wasm') {
    if (!tf.engine().registryFactory.wasm) return false;
    if (!wasmPathsSet) setWasmPaths(wasmFolder());
    wasmPathsSet = true;
    return true;
  }
  nodeTried ??= loadNode();
  return nodeTried;
}

async function loadNode(): Promise<boolean> {
  try {
    // An optional dependency that does not install everywhere; a variable name keeps the
    // type-checker from requiring it.
    const moduleName = '@tensorflow/tfjs-node';
    await import(moduleName);
    return Boolean(tf.engine().registryFactory.tensorflow);
  } catch {
    return false;
  }
}

/** The folder of the wasm binaries as a file path, since node cannot fetch relative URLs. */
function wasmFolder(): string {
  const binary = require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm');
  return path.dirname(binary) + path.sep;
}
