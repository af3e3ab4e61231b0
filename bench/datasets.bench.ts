import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportDataset, openDataset, writeSyntheticDataset } from '@tmrm/datasets';

/**
 * `npm run bench -- datasets [ML100K_DIR] [--synth-events N]`
 *
 * 1. Reading ml-100k with profiles: all 943 users, 1,682 items and 100,000 ratings through the
 *    streaming reader (best of 3 runs; goal under 1 s).
 * 2. The paper's protocol on ml-100k: 5 uniform negatives per positive, random 80/10/10 split,
 *    seed 1, written as CSV (`tmrm data export`); goal 600,000 rows.
 * 3. The synthetic generator writing N events (default 1,000,000) as JSONL.
 *
 * ml-100k is read from ../shared/datasets/ml-100k (from the project root) unless a folder is
 * given; without it, steps 1-2 are skipped (get it with `tmrm data fetch ml-100k`).
 */
const args = process.argv.slice(2);
const at = args.indexOf('--synth-events');
const synthEvents = at >= 0 ? Number(args[at + 1]) : 1_000_000;
const positional = args.filter(
  (arg, i) => !arg.startsWith('--') && args[i - 1] !== '--synth-events',
);
const ml100k =
  positional[0] ?? fileURLToPath(new URL('../../shared/datasets/ml-100k', import.meta.url));
const progress = (message: string) => process.stderr.write(`[datasets bench] ${message}\n`);
const scratch = mkdtempSync(join(tmpdir(), 'tmrm-bench-datasets-'));
const result: Record<string, unknown> = {
  benchmark: 'datasets',
  ml100k,
  loadAverage1m: loadavg()[0],
};
/**
 * Milliseconds a fixed loop of 10^7 additions takes here (about 10 ms on an idle modern core):
 * the machine's speed at the time of the run, to scale the other numbers by.
 */
function referenceLoopMs(): number {
  const startedMs = performance.now();
  let sum = 0;
  for (let i = 0; i < 1e7; i++) sum += i;
  return sum > 0 ? Math.round(performance.now() - startedMs) : -1;
}
result.referenceLoopMs = referenceLoopMs();

/** CPU milliseconds (user + system) of this process since `since`: fair on a shared machine. */
const cpuMsSince = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return Math.round((used.user + used.system) / 1000);
};

try {
  if (existsSync(join(ml100k, 'u.data'))) {
    const readMs: number[] = [];
    const readCpuMs: number[] = [];
    let counts: Record<string, number> = {};
    for (let run = 0; run < 3; run++) {
      const startedMs = performance.now();
      const cpu = process.cpuUsage();
      counts = { user: 0, item: 0, event: 0 };
      for await (const record of openDataset({ dataset: 'ml-100k', path: ml100k }).records()) {
        counts[record.kind]++;
      }
      readMs.push(performance.now() - startedMs);
      readCpuMs.push(cpuMsSince(cpu));
      progress(`read run ${run + 1}: ${readMs[run].toFixed(0)} ms`);
    }
    result.read = {
      ...counts,
      bestMs: Math.round(Math.min(...readMs)),
      bestCpuMs: Math.min(...readCpuMs),
      runsMs: readMs.map(Math.round),
      goalMs: 1000,
    };

    const startedMs = performance.now();
    const cpu = process.cpuUsage();
    const summary = await exportDataset({
      reader: openDataset({ dataset: 'ml-100k', path: ml100k }),
      outDir: join(scratch, 'export'),
      protocol: { seed: 1, negativesPerPositive: 5 },
    });
    const rows = summary.rows.train + summary.rows.valid + summary.rows.test;
    result.export = {
      rows,
      ...summary.rows,
      goalRows: 600_000,
      ms: Math.round(performance.now() - startedMs),
      cpuMs: cpuMsSince(cpu),
    };
    progress(`export: ${rows} rows`);
  } else {
    result.read = result.export = {
      skipped: `${ml100k} has no u.data; run tmrm data fetch ml-100k`,
    };
  }

  const startedMs = performance.now();
  const cpu = process.cpuUsage();
  const written = await writeSyntheticDataset({
    users: 10_000,
    items: 2_000,
    events: synthEvents,
    seed: 1,
    outDir: join(scratch, 'synth'),
  });
  const ms = performance.now() - startedMs;
  result.synth = {
    events: written.events,
    clicks: written.clicks,
    ms: Math.round(ms),
    cpuMs: cpuMsSince(cpu),
    eventsPerSecond: Math.round((written.events / ms) * 1000),
  };
  progress(`synth: ${written.events} events in ${ms.toFixed(0)} ms`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
console.log(JSON.stringify(result));
