import { createProber, LOCAL_PROCESS_MODEL, localTimingLane, type ProcessModel, type TimingLane } from '@dvcwatch/probe';
import { type CaseSummary, measureAccuracy, summarise } from './accuracy.js';
import { sideBySide } from './lighthouse.js';
import { startBenchPortal } from './portals.js';
import { SharedLane } from './shared-lane.js';
import { measureRound, type RoundRun } from './speed.js';
import { median } from './stats.js';
import { openRoundWorld } from './world.js';

/** One variant of issue 19's round bench: the 100-agency first and next-hour rounds and the timing error under load. */
export interface HundredVariant {
  name: string;
  first: RoundRun;
  next: RoundRun;
  /** The accuracy cases (TTFB, LCP, readiness × 4 delays) probed while `gatherers` catalogue-like pages run. */
  underLoad: CaseSummary[];
}

export interface HundredRounds {
  agencies: number;
  concurrency: number;
  gatherers: number;
  /** Seconds of one Lighthouse page-run (desktop, performance only) on the bench portal, same machine, same run. */
  lighthousePageRunS: number;
  variants: HundredVariant[];
}

/**
 * Probes the accuracy cases `reps` times while `gatherers` pages are opened and read over and over beside them, in
 * the same process and lane (bench/lane-accuracy.ts runs it alone).
 */
export async function accuracyUnderLoad(
  lane: TimingLane,
  gatherers: number,
  reps = 1,
  processModel: ProcessModel = 'shared',
): Promise<CaseSummary[]> {
  const portal = await startBenchPortal();
  const prober = createProber({ local: true, allowedOrigins: [portal.origin], lane, processModel });
  let stop = false;
  const load = Array.from({ length: gatherers }, async () => {
    while (!stop)
      await prober.session
        .withPage(`${portal.origin}/lcp?d=0&run=load`, async (p) => p.evaluate('document.body.innerText.length'), {
          timeoutMs: 15_000,
        })
        .catch(() => undefined);
  });
  try {
    return summarise(await measureAccuracy(prober, portal, reps));
  } finally {
    stop = true;
    await Promise.all(load);
    await prober.close();
    await portal.close();
  }
}

/**
 * Issue 19's bench, in one run: a Lighthouse page-run for scale, then for each variant — before (no timing lane:
 * timed loads share the CPU with every gathering page, each agency times and gathers in one job, one multi-process
 * Chromium) and after (the timing lane, every agency's timed pages first, the local round's process model,
 * probe/chromium-launch.ts `LOCAL_PROCESS_MODEL`) — the first round of `agencies`
 * copies of the demo's good portal (every catalogue runs, axe included) and the next-hour round (stored facts, timings
 * only) at the CLI's default concurrency, and the accuracy cases timed beside four gathering pages.
 */
export async function measureHundredRounds(
  log: (line: string) => void,
  agencies = 100,
  concurrency = 4,
  gatherers = 4,
): Promise<HundredRounds> {
  const portal = await startBenchPortal();
  const lhProber = createProber({ local: true, allowedOrigins: [portal.origin] });
  const lh = await sideBySide(lhProber, [`${portal.origin}/lcp?d=200&run=lh-h`], 2).finally(async () => {
    await lhProber.close();
    await portal.close();
  });
  const lighthousePageRunS = median(lh.flatMap((r) => r.lhS));
  log(`  one Lighthouse page-run: ${lighthousePageRunS.toFixed(1)} s`);
  const variants: HundredVariant[] = [];
  for (const [name, lane, model, timedFirst] of [
    ['after (timing lane)', localTimingLane(), LOCAL_PROCESS_MODEL, true],
    ['before (no timing lane)', new SharedLane(), 'shared', false],
  ] as const) {
    const world = await openRoundWorld(10, lane, model);
    try {
      const first = await measureRound(world, agencies, concurrency, true, true, timedFirst);
      log(
        `  ${name}: first round ${first.wallS.toFixed(0)} s ${JSON.stringify(first.counts)}, ${first.retimed} loads timed again`,
      );
      const next = await measureRound(world, agencies, concurrency, true, true, timedFirst);
      log(
        `  ${name}: next-hour round ${next.wallS.toFixed(0)} s (catalogue ${next.catalogueRuns}) ${JSON.stringify(next.counts)}, ${next.retimed} loads timed again`,
      );
      const underLoad = await accuracyUnderLoad(lane, gatherers, 1, model);
      variants.push({ name, first, next, underLoad });
    } finally {
      await world.close();
    }
  }
  return { agencies, concurrency, gatherers, lighthousePageRunS, variants };
}

const worstOf = (cases: readonly CaseSummary[], metric: string): string => {
  const mine = cases.filter((c) => c.metric === metric);
  const missing = mine.reduce((n, c) => n + c.missing, 0);
  const worst = mine.filter((c) => c.n > 0).reduce((w, c) => (Math.abs(c.worstErrMs) > Math.abs(w) ? c.worstErrMs : w), 0);
  return `${worst >= 0 ? '+' : ''}${Math.round(worst)} ms${missing ? ` (${missing} missing)` : ''}`;
};

/** The section as plain text: rounds in seconds and in Lighthouse page-runs, worst timing error per metric. */
export function renderHundredRounds(h: HundredRounds): string {
  const runs = (s: number) => (s / h.lighthousePageRunS).toFixed(1);
  const lines = [
    `${h.agencies}-agency rounds at concurrency ${h.concurrency} beside Lighthouse (one page-run ${h.lighthousePageRunS.toFixed(1)} s); timing error with ${h.gatherers} gathering pages alongside`,
    'variant                   first round            next-hour round        worst TTFB / LCP / ready error under load',
  ];
  for (const v of h.variants)
    lines.push(
      `${v.name.padEnd(25)} ${`${v.first.wallS.toFixed(0)} s = ${runs(v.first.wallS)} LH runs`.padEnd(22)} ${`${v.next.wallS.toFixed(0)} s = ${runs(v.next.wallS)} LH runs`.padEnd(22)} ${worstOf(v.underLoad, 'ttfb')} / ${worstOf(v.underLoad, 'lcp')} / ${worstOf(v.underLoad, 'ready')}`,
    );
  return lines.join('\n');
}
