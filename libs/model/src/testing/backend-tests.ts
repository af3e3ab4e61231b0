import * as tf from '@tensorflow/tfjs';
import type { ExecutionContext, TestFn } from 'ava';
import { presentBackends, useBackend, type BackendName } from '../backend/select-backend';

/**
 * The backends a test file runs its key tests on: every backend present in this process
 * (tfjs-node where installed, wasm, cpu), or the comma-separated `TMRM_TEST_BACKENDS`.
 */
export async function testBackends(): Promise<BackendName[]> {
  // Tests know they run in node; this silences the cpu backend's "install tfjs-node" banner.
  tf.env().set('PROD', true);
  const present = await presentBackends();
  const wanted = process.env.TMRM_TEST_BACKENDS?.split(',').map((name) => name.trim());
  return wanted ? present.filter((name) => wanted.includes(name)) : present;
}

/**
 * Registers `impl` once per backend as a serial test titled `title [backend]`, switching the
 * global TensorFlow.js backend first (serial, since the backend is process-wide).
 */
export function forEachBackend(
  test: TestFn,
  backends: readonly BackendName[],
  title: string,
  impl: (t: ExecutionContext) => void | Promise<void>,
): void {
  for (const backend of backends) {
    test.serial(`${title} [${backend}]`, async (t) => {
      await useBackend(backend);
      await impl(t);
    });
  }
}
