import { Worker } from 'node:worker_threads';
import type { BinnedMatrix } from './binned-matrix';
import { GbdtInputError } from './errors';
import {
  accumulateHistogram,
  completeHistogram,
  HISTOGRAM_BLOCK_ROWS,
  type HistogramBuilder,
} from './histogram';

/** Slots of the shared control array. */
const BELL = 0; // generation of the latest job; -1 stops the workers
const CLAIM = 1; // (generation << 12) | next unclaimed block
const DONE = 2; // blocks finished in the current job
const START = 3;
const END = 4;
const BLOCKS = 5;
const BLOCK_BITS = 12;
const MAX_BLOCKS = 1 << BLOCK_BITS;
const GENERATIONS = 1 << 18;

/**
 * The worker's loop, plain JavaScript so it runs without a TypeScript loader.
 * When the bell rings it claims blocks of the job one at a time with a
 * compare-and-swap on CLAIM (which carries the job's generation, so a worker
 * that wakes late cannot claim a block of a newer job with the older job's
 * range), accumulates each block into its own slot with the kernel of
 * `accumulateHistogram`, and counts it in DONE.
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { rowStartBuffer, entriesBuffer, gradHessBuffer, rowsBuffer, blocksBuffer, controlBuffer,
  histogramLength, blockRows } = workerData;
const rowStart = new Uint32Array(rowStartBuffer);
const entries = new Uint16Array(entriesBuffer);
const gradHess = new Float64Array(gradHessBuffer);
const rows = new Uint32Array(rowsBuffer);
const blocks = new Float64Array(blocksBuffer);
const control = new Int32Array(controlBuffer);
let seen = 0;
for (;;) {
  Atomics.wait(control, ${BELL}, seen);
  seen = Atomics.load(control, ${BELL});
  if (seen < 0) break;
  for (;;) {
    const claim = Atomics.load(control, ${CLAIM});
    if ((claim >>> ${BLOCK_BITS}) !== seen) break;
    const block = claim & ${MAX_BLOCKS - 1};
    const rangeStart = control[${START}];
    const rangeEnd = control[${END}];
    if (block >= control[${BLOCKS}]) break;
    if (Atomics.compareExchange(control, ${CLAIM}, claim, claim + 1) !== claim) continue;
    const out = blocks.subarray(block * histogramLength, (block + 1) * histogramLength);
    out.fill(0);
    const end = Math.min(rangeEnd, rangeStart + (block + 1) * blockRows);
    for (let i = rangeStart + block * blockRows; i < end; i++) {
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
    Atomics.add(control, ${DONE}, 1);
    Atomics.notify(control, ${DONE});
  }
}
`;

/**
 * Histograms over `threads` threads. A row range is cut into blocks of
 * `HISTOGRAM_BLOCK_ROWS`; the calling thread and `threads - 1` workers claim
 * blocks one at a time until none is left, each block accumulating into its own
 * slot, and the calling thread adds the slots in block order, so the result is
 * the single-threaded one bit for bit. A worker the OS has not scheduled yet
 * simply claims nothing: the caller never waits for a block nobody started.
 * Synchronisation is `Atomics.wait`/`notify` on shared memory; the matrix,
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
  const histogramLength = matrix.totalBins * 2;
  const maxBlocks = Math.max(1, Math.ceil(rows.length / HISTOGRAM_BLOCK_ROWS));
  if (maxBlocks >= MAX_BLOCKS) {
    throw new GbdtInputError(
      `threaded histograms: ${rows.length} rows exceed ${MAX_BLOCKS * HISTOGRAM_BLOCK_ROWS}; use threads: 1`,
    );
  }
  const blocksBuffer = new SharedArrayBuffer(maxBlocks * histogramLength * 8);
  const blocks = new Float64Array(blocksBuffer);
  const control = new Int32Array(new SharedArrayBuffer(8 * 4));
  const workers: Worker[] = [];
  for (let index = 0; index < threads - 1; index++) {
    workers.push(
      new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: {
          rowStartBuffer: matrix.rowStart.buffer,
          entriesBuffer: matrix.entries.buffer,
          gradHessBuffer: gradHess.buffer,
          rowsBuffer: rows.buffer,
          blocksBuffer,
          controlBuffer: control.buffer,
          histogramLength,
          blockRows: HISTOGRAM_BLOCK_ROWS,
        },
      }),
    );
  }
  await Promise.all(
    workers.map((worker) => new Promise((resolve) => worker.once('online', resolve))),
  );

  const slot = (b: number) => blocks.subarray(b * histogramLength, (b + 1) * histogramLength);
  let generation = 0;
  return {
    build(rowsToUse, start, end, out, grad, hess) {
      if (rowsToUse !== rows) {
        throw new GbdtInputError('threaded histograms: rows must be the shared row order array');
      }
      const blockCount = Math.max(1, Math.ceil((end - start) / HISTOGRAM_BLOCK_ROWS));
      if (blockCount === 1) {
        accumulateHistogram(matrix, gradHess, rows, start, end, out);
        completeHistogram(matrix, out, grad, hess);
        return;
      }
      generation = (generation + 1) % GENERATIONS || 1;
      control[START] = start;
      control[END] = end;
      control[BLOCKS] = blockCount;
      Atomics.store(control, DONE, 0);
      Atomics.store(control, CLAIM, generation << BLOCK_BITS);
      Atomics.store(control, BELL, generation);
      Atomics.notify(control, BELL);

      for (;;) {
        const claim = Atomics.add(control, CLAIM, 1);
        const block = claim & (MAX_BLOCKS - 1);
        if (block >= blockCount) break;
        const from = start + block * HISTOGRAM_BLOCK_ROWS;
        accumulateHistogram(
          matrix,
          gradHess,
          rows,
          from,
          Math.min(end, from + HISTOGRAM_BLOCK_ROWS),
          slot(block),
        );
        Atomics.add(control, DONE, 1);
      }
      for (
        let done = Atomics.load(control, DONE);
        done < blockCount;
        done = Atomics.load(control, DONE)
      ) {
        Atomics.wait(control, DONE, done);
      }
      out.set(slot(0));
      for (let b = 1; b < blockCount; b++) {
        const block = slot(b);
        for (let i = 0; i < out.length; i++) out[i] += block[i];
      }
      completeHistogram(matrix, out, grad, hess);
    },
    async close() {
      Atomics.store(control, BELL, -1);
      Atomics.notify(control, BELL);
      await Promise.all(
        workers.map((worker) => new Promise((resolve) => worker.once('exit', resolve))),
      );
    },
  };
}
