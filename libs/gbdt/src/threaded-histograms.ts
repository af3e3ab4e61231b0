import { Worker } from 'node:worker_threads';
import type { BinnedMatrix } from './binned-matrix';
import { GbdtInputError } from './errors';
import {
  accumulateHistogram,
  completeHistogram,
  HISTOGRAM_BLOCK_ROWS,
  type HistogramBuilder,
} from './histogram';

/**
 * The worker's loop, plain JavaScript so it runs without a TypeScript loader. It
 * runs the kernel of `accumulateHistogram` over blocks of rows, each block into
 * its own slot of the shared block histograms. A job is announced by bumping
 * `control[4w]` (the sequence number) with the job's first and last block and
 * the range's start/end in `job`; the worker sets `control[4w+3]` to 1 when
 * done. A negative sequence number stops it.
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { index, rowStartBuffer, entriesBuffer, gradHessBuffer, rowsBuffer, blocksBuffer, controlBuffer,
  jobBuffer, histogramLength, blockRows } = workerData;
const rowStart = new Uint32Array(rowStartBuffer);
const entries = new Uint16Array(entriesBuffer);
const gradHess = new Float64Array(gradHessBuffer);
const rows = new Uint32Array(rowsBuffer);
const blocks = new Float64Array(blocksBuffer);
const control = new Int32Array(controlBuffer);
const job = new Int32Array(jobBuffer);
const at0 = 4 * index;
let seen = 0;
for (;;) {
  Atomics.wait(control, at0, seen);
  seen = Atomics.load(control, at0);
  if (seen < 0) break;
  const firstBlock = control[at0 + 1];
  const lastBlock = control[at0 + 2];
  const rangeStart = job[0];
  const rangeEnd = job[1];
  for (let b = firstBlock; b < lastBlock; b++) {
    const out = blocks.subarray(b * histogramLength, (b + 1) * histogramLength);
    out.fill(0);
    const end = Math.min(rangeEnd, rangeStart + (b + 1) * blockRows);
    for (let i = rangeStart + b * blockRows; i < end; i++) {
      const row = rows[i];
      const g = gradHess[2 * row];
      const h = gradHess[2 * row + 1];
      const last = rowStart[row + 1];
      let k = rowStart[row];
      for (; k + 1 < last; k += 2) {
        const a = entries[k] << 1;
        const c = entries[k + 1] << 1;
        out[a] += g;
        out[a + 1] += h;
        out[c] += g;
        out[c + 1] += h;
      }
      if (k < last) {
        const a = entries[k] << 1;
        out[a] += g;
        out[a + 1] += h;
      }
    }
  }
  Atomics.store(control, at0 + 3, 1);
  Atomics.notify(control, at0 + 3);
}
`;

/**
 * Histograms over `threads` threads: a row range is cut into blocks of
 * `HISTOGRAM_BLOCK_ROWS`; the calling thread takes the first share of blocks and
 * `threads - 1` workers the others, each block into its own slot, and the
 * calling thread adds the blocks in order, so the result equals the
 * single-threaded one bit for bit. Synchronisation is `Atomics.wait`/`notify`
 * on shared memory (microseconds per job, no message round trip); the matrix,
 * gradient pairs and row order must live in SharedArrayBuffers.
 */
export async function threadedHistograms(
  matrix: BinnedMatrix,
  gradHess: Float64Array,
  rows: Uint32Array,
  threads: number,
): Promise<HistogramBuilder> {
  for (const [name, view] of [
    ['binned rows', matrix.entries],
    ['row starts', matrix.rowStart],
    ['gradient pairs', gradHess],
    ['rows', rows],
  ] as const) {
    if (!(view.buffer instanceof SharedArrayBuffer)) {
      throw new GbdtInputError(`threaded histograms: the ${name} must be in a SharedArrayBuffer`);
    }
  }
  const workerCount = threads - 1;
  const histogramLength = matrix.totalBins * 2;
  const maxBlocks = Math.max(1, Math.ceil(rows.length / HISTOGRAM_BLOCK_ROWS));
  const blocksBuffer = new SharedArrayBuffer(maxBlocks * histogramLength * 8);
  const blocks = new Float64Array(blocksBuffer);
  const control = new Int32Array(new SharedArrayBuffer(4 * 4 * workerCount));
  const job = new Int32Array(new SharedArrayBuffer(8));
  const workers: Worker[] = [];
  for (let index = 0; index < workerCount; index++) {
    workers.push(
      new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: {
          index,
          rowStartBuffer: matrix.rowStart.buffer,
          entriesBuffer: matrix.entries.buffer,
          gradHessBuffer: gradHess.buffer,
          rowsBuffer: rows.buffer,
          blocksBuffer,
          controlBuffer: control.buffer,
          jobBuffer: job.buffer,
          histogramLength,
          blockRows: HISTOGRAM_BLOCK_ROWS,
        },
      }),
    );
  }
  await Promise.all(
    workers.map((worker) => new Promise((resolve) => worker.once('online', resolve))),
  );

  const blockView = (b: number) => blocks.subarray(b * histogramLength, (b + 1) * histogramLength);
  let sequence = 0;
  return {
    build(rowsToUse, start, end, out, grad, hess) {
      if (rowsToUse !== rows) {
        throw new GbdtInputError('threaded histograms: rows must be the shared row order array');
      }
      const blockCount = Math.max(1, Math.ceil((end - start) / HISTOGRAM_BLOCK_ROWS));
      const parts = Math.min(threads, blockCount);
      const blocksPerPart = Math.ceil(blockCount / parts);
      const blockEnd = (b: number) => Math.min(end, start + (b + 1) * HISTOGRAM_BLOCK_ROWS);
      sequence++;
      job[0] = start;
      job[1] = end;
      let used = 0;
      for (let w = 0; w < workerCount && (w + 1) * blocksPerPart < blockCount; w++) {
        const at = 4 * w;
        control[at + 1] = (w + 1) * blocksPerPart;
        control[at + 2] = Math.min(blockCount, (w + 2) * blocksPerPart);
        Atomics.store(control, at + 3, 0);
        Atomics.store(control, at, sequence);
        Atomics.notify(control, at);
        used++;
      }
      // The caller's share: block 0 straight into `out`, the rest into their slots.
      accumulateHistogram(matrix, gradHess, rows, start, blockEnd(0), out);
      for (let b = 1; b < Math.min(blocksPerPart, blockCount); b++) {
        accumulateHistogram(
          matrix,
          gradHess,
          rows,
          start + b * HISTOGRAM_BLOCK_ROWS,
          blockEnd(b),
          blockView(b),
        );
      }
      for (let w = 0; w < used; w++) {
        while (Atomics.load(control, 4 * w + 3) === 0) Atomics.wait(control, 4 * w + 3, 0);
      }
      for (let b = 1; b < blockCount; b++) {
        const block = blockView(b);
        for (let i = 0; i < out.length; i++) out[i] += block[i];
      }
      completeHistogram(matrix, out, grad, hess);
    },
    async close() {
      for (let w = 0; w < workerCount; w++) {
        Atomics.store(control, 4 * w, -1);
        Atomics.notify(control, 4 * w);
      }
      await Promise.all(
        workers.map((worker) => new Promise((resolve) => worker.once('exit', resolve))),
      );
    },
  };
}
