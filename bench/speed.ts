import type { Result } from '@dvcwatch/core';
import { runRound } from '@dvcwatch/runner';
import type { WriteCounts } from './dynamo-meter.js';
import { type MemorySample, memoryPeaks } from './memory.js';
import { mean } from './stats.js';
import type { RoundWorld } from './world.js';

/** One full round, measured; or an extrapolation from measured rounds of the same concurrency. */
export interface RoundRun {
  agencies: number;
  concurrency: number;
  accessibility: boolean;
  wallS: number;
  extrapolated: boolean;
  /** Results by status (all `up` expected on the good portal). */
  counts: Record<string, number>;
  /** Mean Result.probeMs (one agency: both pages, checks, audit). */
  meanProbeMs: number;
  /** Per page: (probeMs − Σ the pages' own loadMs) / pages probed. */
  overheadPerPageMs: number;
  peak: MemorySample | null;
  writes: WriteCounts | null;
}

let hour = 0;
/** A fresh round time per run, so no round finds an earlier round's results for the same hour. */
const nextAt = () => new Date(Date.UTC(2026, 0, 1) + 3_600_000 * hour++).toISOString();

/** Runs one round of `n` good-portal copies with checks on and the audit on or off. */
export async function measureRound(world: RoundWorld, n: number, concurrency: number, accessibility: boolean): Promise<RoundRun> {
  const deps = world.deps(n, accessibility);
  const results: Result[] = [];
  world.writes.reset();
  const mem = memoryPeaks();
  const started = performance.now();
  await runRound(deps, {
    at: nextAt(),
    trigger: 'manual',
    concurrency,
    spool: null,
    now: () => new Date().toISOString(),
    probe: { prober: world.prober, registry: deps.registry, evidence: world.evidence, facts: true },
    onResult: (r) => results.push(r),
  });
  const wallS = (performance.now() - started) / 1000;
  const peak = mem.stop();
  const counts: Record<string, number> = {};
  for (const r of results) counts[r.status] = (counts[r.status] ?? 0) + 1;
  const overheads = results.map((r) => {
    const pages = [r.pages.home, r.pages.form].filter((p) => p !== null);
    return (r.probeMs - pages.reduce((s, p) => s + (p.loadMs ?? 0), 0)) / Math.max(1, pages.length);
  });
  return {
    agencies: n,
    concurrency,
    accessibility,
    wallS,
    extrapolated: false,
    counts,
    meanProbeMs: mean(results.map((r) => r.probeMs)),
    overheadPerPageMs: mean(overheads),
    peak,
    writes: world.writes.read(),
  };
}

/**
 * Rounds for every size at every concurrency. A size whose predicted time (from the largest measured round of the
 * same concurrency) passes `capS` is not run: it is extrapolated linearly through the measured rounds (a + b·n
 * through the two largest, or proportionally from one) and marked so.
 */
export async function measureSpeed(
  world: RoundWorld,
  sizes: readonly number[],
  concurrencies: readonly number[],
  capS: number,
  log: (line: string) => void,
): Promise<RoundRun[]> {
  const runs: RoundRun[] = [];
  for (const c of concurrencies) {
    const measured: RoundRun[] = [];
    for (const n of sizes) {
      const last = measured.at(-1);
      const predicted = last ? (last.wallS / last.agencies) * n : 0;
      if (last && predicted > capS) {
        runs.push(extrapolate(measured, n, c));
        log(`  ${n} agencies × concurrency ${c}: predicted ${predicted.toFixed(0)} s > cap ${capS} s, extrapolated`);
        continue;
      }
      const r = await measureRound(world, n, c, true);
      measured.push(r);
      runs.push(r);
      log(`  ${n} agencies × concurrency ${c}: ${r.wallS.toFixed(1)} s ${JSON.stringify(r.counts)}`);
    }
  }
  return runs;
}

function extrapolate(measured: readonly RoundRun[], n: number, c: number): RoundRun {
  const [a, b] = measured.slice(-2) as [RoundRun, RoundRun | undefined];
  const wallS = b ? a.wallS + ((b.wallS - a.wallS) / (b.agencies - a.agencies)) * (n - a.agencies) : (a.wallS / a.agencies) * n;
  const src = b ?? a;
  return { ...src, agencies: n, concurrency: c, wallS, extrapolated: true, counts: {}, peak: null, writes: null };
}
