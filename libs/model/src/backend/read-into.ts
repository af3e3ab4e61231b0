import * as tf from '@tensorflow/tfjs';

/** The parts of @tensorflow/tfjs-backend-wasm's backend object that {@link readInto} uses. */
interface WasmBackendView {
  getMemoryOffset(dataId: object): number;
  wasm: { HEAPU8: Uint8Array };
}

/**
 * Copies a float32 tensor's values into `target` (reused between steps) and returns the
 * filled prefix of it.
 *
 * Why: `dataSync` on the wasm backend allocates a fresh ArrayBuffer per call. Reading the
 * 1M-value leaf-head gradient that way every step grows V8's external memory fast enough to
 * force a full (mark-compact) garbage collection every step or two, which in a process holding
 * a large heap costs more than the step itself. Here the values are copied straight out of
 * the wasm heap. Other backends, or a wasm backend without the expected methods, fall back to
 * `dataSync` plus a copy.
 */
export function readInto(tensor: tf.Tensor, target: Float32Array): Float32Array {
  const size = tensor.size;
  if (target.length < size) throw new Error(`readInto: target holds ${target.length} < ${size}`);
  const out = target.subarray(0, size);
  const backend = tf.backend() as unknown as Partial<WasmBackendView>;
  if (
    tensor.dtype === 'float32' &&
    tf.getBackend() === 'wasm' &&
    typeof backend.getMemoryOffset === 'function' &&
    backend.wasm?.HEAPU8
  ) {
    const offset = backend.getMemoryOffset(tensor.dataId);
    out.set(new Float32Array(backend.wasm.HEAPU8.buffer, offset, size));
    return out;
  }
  out.set(tensor.dataSync());
  return out;
}

/** Reusable read-back buffers, one per name, grown when a tensor outgrows its buffer. */
export class ReadBuffers {
  private readonly buffers = new Map<string, Float32Array>();

  read(name: string, tensor: tf.Tensor): Float32Array {
    let buffer = this.buffers.get(name);
    if (!buffer || buffer.length < tensor.size) {
      buffer = new Float32Array(tensor.size);
      this.buffers.set(name, buffer);
    }
    return readInto(tensor, buffer);
  }
}
