/**
 * CPU time per phase of a training step, for profiling: with `TMRM_PROFILE_STEPS=1` in the
 * environment, {@link markPhase} adds the CPU time since the previous mark (or
 * {@link startPhases}) to the named phase; `npm run bench -- model` prints the totals per
 * batch. CPU time (process.cpuUsage), not wall time, so a loaded machine blurs it less. Off,
 * each mark is one branch.
 */
const enabled = Boolean(process.env.TMRM_PROFILE_STEPS);
const totals = new Map<string, number>();
let lastMs = 0;

/** Whether phase profiling is on in this process. */
export function profilingSteps(): boolean {
  return enabled;
}

/** Starts timing a step's first phase. */
export function startPhases(): void {
  if (enabled) lastMs = cpuMs();
}

/** Ends the current phase, charging its CPU time to `name`, and starts the next one. */
export function markPhase(name: string): void {
  if (!enabled) return;
  const now = cpuMs();
  totals.set(name, (totals.get(name) ?? 0) + now - lastMs);
  lastMs = now;
}

/** The CPU milliseconds per phase divided by `steps`, and resets the totals. */
export function takePhaseTotals(steps: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, ms] of totals) out[name] = Number((ms / steps).toFixed(1));
  totals.clear();
  return out;
}

function cpuMs(): number {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
}
