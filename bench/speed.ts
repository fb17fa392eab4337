import type { Result } from '@dvcwatch/core';
import { runRound } from '@dvcwatch/runner';
import type { WriteCounts } from './dynamo-meter.js';
import { type MemorySample, memoryPeaks } from './memory.js';
import { mean, median } from './stats.js';
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
  /** Agencies whose check catalogue ran in this round (all of them without a facts store). */
  catalogueRuns: number;
  /** The round's time, for the steady-state sequence. */
  at?: string;
  /** Median home-page LCP and TTFB of the round (how much concurrency inflates what is measured). */
  homeLcpMedianMs?: number | null;
  homeTtfbMedianMs?: number | null;
  /** Worst home-page LCP of the round. */
  homeLcpMaxMs?: number | null;
  /** Timed loads timed again because another timed load took CPU while their numbers formed (probe/timing-lane.ts). */
  retimed?: number;
}

let hour = 0;
/** A fresh round time per run, so no round finds an earlier round's results for the same hour. */
const nextAt = () => new Date(Date.UTC(2026, 0, 1) + 3_600_000 * hour++).toISOString();

/**
 * Runs one round of `n` good-portal copies with checks on and the audit on or off. Without `scheduled` the whole
 * catalogue runs for every agency (the cost of a first round); with it, the catalogue runs on the schedule the
 * product uses (facts kept in the store between runs, see core/facts-refresh.ts). `timedFirst` false: each agency
 * times its pages and gathers in one job (runner/round.ts, the behaviour before the timed pass).
 */
export async function measureRound(
  world: RoundWorld,
  n: number,
  concurrency: number,
  accessibility: boolean,
  scheduled = false,
  timedFirst = true,
): Promise<RoundRun> {
  const deps = world.deps(n, accessibility);
  const results: Result[] = [];
  let catalogueRuns = 0;
  world.writes.reset();
  const mem = memoryPeaks();
  const started = performance.now();
  const at = nextAt();
  await runRound(deps, {
    at,
    trigger: 'manual',
    concurrency,
    timedFirst,
    spool: null,
    now: () => new Date().toISOString(),
    probe: {
      prober: world.prober,
      registry: deps.registry,
      evidence: world.evidence,
      facts: true,
      factsStore: scheduled ? deps.store : null,
      onFacts: (_, reason) => {
        if (reason) catalogueRuns++;
      },
    },
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
    catalogueRuns,
    at,
    homeLcpMedianMs: medianOf(results.map((r) => r.pages.home?.lcpMs)),
    homeTtfbMedianMs: medianOf(results.map((r) => r.pages.home?.ttfbMs)),
    homeLcpMaxMs: Math.max(0, ...results.map((r) => r.pages.home?.lcpMs ?? 0)),
    retimed: results.reduce((n, r) => n + (r.retries ?? []).filter((p) => p.conditions?.overlapped).length, 0),
  };
}

const medianOf = (xs: (number | null | undefined)[]): number | null => {
  const v = xs.filter((x): x is number => typeof x === 'number');
  return v.length ? median(v) : null;
};

/**
 * The hourly schedule as it runs: a first round (every agency's catalogue runs, measured), then `hours` consecutive
 * hourly rounds in which each agency's catalogue runs only at its own hour (facts reused in between).
 */
export async function measureSchedule(
  world: RoundWorld,
  n: number,
  concurrencies: readonly number[],
  hours: number,
  log: (line: string) => void,
): Promise<{ first: RoundRun; hourly: RoundRun[] }> {
  const c0 = concurrencies[0] ?? 4;
  const first = await measureRound(world, n, c0, true, true);
  log(`  ${n} agencies × concurrency ${c0}, first round: ${first.wallS.toFixed(1)} s, catalogue ${first.catalogueRuns}/${n}`);
  const hourly: RoundRun[] = [];
  // `hours` consecutive hourly rounds per concurrency, interleaved, over the same stored facts.
  for (let h = 0; h < hours * concurrencies.length; h++) {
    const r = await measureRound(world, n, concurrencies[h % concurrencies.length]!, true, true);
    hourly.push(r);
    log(
      `  hour ${h + 1}, concurrency ${r.concurrency}: ${r.wallS.toFixed(1)} s, catalogue ${r.catalogueRuns}/${n} ${JSON.stringify(r.counts)}`,
    );
  }
  return { first, hourly };
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
  return {
    ...src,
    agencies: n,
    concurrency: c,
    wallS,
    extrapolated: true,
    counts: {},
    peak: null,
    writes: null,
    catalogueRuns: n,
  };
}
