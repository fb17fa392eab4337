/**
 * `npm run bench`: how fast, how accurate and how cheap dvcwatch is, side by side with Lighthouse, in one run.
 * Everything is served and probed on 127.0.0.1. Prints a plain-text table and writes bench/results.json.
 * Knobs (environment): BENCH_REPS (accuracy repetitions, ≥ 5), BENCH_LH_RUNS, BENCH_ROUND_CAP_S (longest round
 * actually run; longer ones are extrapolated), BENCH_SIZES, BENCH_CONCURRENCY (comma lists).
 */
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { createProber, DEFAULT_LIMITS } from '@dvcwatch/probe';
import { measureAccuracy, summarise } from './accuracy.js';
import { monthlyCost, PRICES, timeSiteBuild } from './cost.js';
import { sideBySide } from './lighthouse.js';
import { startBenchPortal } from './portals.js';
import { type BenchResults, render } from './report.js';
import { measureRound, measureSpeed } from './speed.js';
import { fmt, mean, median, verdict } from './stats.js';
import { openRoundWorld } from './world.js';

const num = (name: string, dflt: number) => (process.env[name] ? Number(process.env[name]) : dflt);
const list = (name: string, dflt: number[]) => process.env[name]?.split(',').map(Number) ?? dflt;
const log = (line: string) => process.stderr.write(`${line}\n`);

const reps = Math.max(5, num('BENCH_REPS', 5));
const lhRuns = num('BENCH_LH_RUNS', 2);
const capS = num('BENCH_ROUND_CAP_S', 150);
const sizes = list('BENCH_SIZES', [10, 50, 100]);
const concurrencies = list('BENCH_CONCURRENCY', [1, 2, 4]);

const t0 = performance.now();
const startedAt = new Date().toISOString();

log(`1/4 accuracy: ${reps} repetitions × 12 cases`);
const portal = await startBenchPortal();
const prober = createProber({ local: true, allowedOrigins: [portal.origin] });
let samples: Awaited<ReturnType<typeof measureAccuracy>>;
let lh: Awaited<ReturnType<typeof sideBySide>>;
try {
  samples = await measureAccuracy(prober, portal, reps);
  log(`3/4 Lighthouse side by side: 5 pages × ${lhRuns} runs`);
  const o = portal.origin;
  const pages = [
    `${o}/ttfb?d=0`,
    `${o}/ttfb?d=800`,
    `${o}/lcp?d=200&run=lh-a`,
    `${o}/lcp?d=800&run=lh-b`,
    `${o}/form?d=200&run=lh-c`,
  ];
  lh = await sideBySide(prober, pages, lhRuns);
} finally {
  await prober.close();
  await portal.close();
}
const cases = summarise(samples);
const timed = samples.filter((s) => s.loadMs !== null);
const timingsProbe = {
  meanProbeMs: mean(timed.map((s) => s.probeMs)),
  meanOverheadMs: mean(timed.map((s) => s.probeMs - s.loadMs!)),
  settleMs: DEFAULT_LIMITS.settleMs,
};

log(`2/4 speed: rounds of ${sizes.join('/')} agencies × concurrency ${concurrencies.join('/')} (cap ${capS} s per round)`);
const world = await openRoundWorld(10);
let speed: Awaited<ReturnType<typeof measureSpeed>>;
let off: Awaited<ReturnType<typeof measureRound>>;
try {
  speed = await measureSpeed(world, sizes, concurrencies, capS, log);
  off = await measureRound(world, 10, 2, false);
  log(`  audit off, 10 agencies × concurrency 2: ${off.wallS.toFixed(1)} s`);
} finally {
  await world.close();
}
const on = speed.find((s) => s.agencies === off.agencies && s.concurrency === off.concurrency && !s.extrapolated) ?? speed[0]!;

log('4/4 site build and cost');
const site = { agencies: 100, days: 90, ...timeSiteBuild(100, 90) };
const measured = speed.filter((s) => !s.extrapolated && s.writes);
const biggest = measured.reduce((a, b) => (b.agencies > a.agencies ? b : a), measured[0]!);
const writesPerAgency = {
  calls: biggest.writes!.calls / biggest.agencies,
  bytes: biggest.writes!.bytes / biggest.agencies,
  wru: biggest.writes!.wru / biggest.agencies,
  fromRound: `${biggest.agencies}-agency round, ${biggest.writes!.calls} calls: ${JSON.stringify(biggest.writes!.byCommand)}`,
};
const c1 = measured.filter((s) => s.concurrency === 1);
const probeMs = mean((c1.length ? c1 : measured).map((s) => s.meanProbeMs));
const cost = { probeMs, rows: [100, 1_000].map((n) => monthlyCost(n, probeMs, writesPerAgency.wru)), prices: PRICES };

// Targets.
const worstCase = cases.reduce((a, b) => (Math.abs(b.worstErrMs) - b.allowedMs > Math.abs(a.worstErrMs) - a.allowedMs ? b : a));
const excess = Math.abs(worstCase.worstErrMs) - worstCase.allowedMs;
const lhPerPage = mean(lh.flatMap((p) => p.lhS));
const oursPerPage = mean(lh.flatMap((p) => p.oursS));
const ratio = lhPerPage / oursPerPage;
const fullPerPage = probeMs / 2 / 1000;
const hundred = speed.filter((s) => s.agencies === 100).sort((a, b) => a.wallS - b.wallS)[0];
const buildS = median(site.buildS);
const targets = [
  {
    name: 'timing error (TTFB, LCP, readyMs)',
    value: `worst ${fmt(worstCase.worstErrMs, 1)} ms (${worstCase.metric} ${worstCase.delayMs} ms, allowed ${fmt(worstCase.allowedMs)})`,
    target: '≤ max(30 ms, 3 %)',
    verdict: verdict(
      cases.every((c) => c.met),
      `${fmt(excess, 1)} ms`,
    ),
  },
  {
    name: 'faster per page than Lighthouse',
    value: `${fmt(ratio, 1)}× (${fmt(lhPerPage, 2)} s vs ${fmt(oursPerPage, 2)} s; with checks+audit ${fmt(fullPerPage, 2)} s/page → ${fmt(lhPerPage / fullPerPage, 1)}×)`,
    target: '≥ 10×',
    verdict: verdict(ratio >= 10, `${fmt(10 - ratio, 1)}× short`),
  },
  {
    name: '100-agency round (checks + audit)',
    value: hundred
      ? `${fmt(hundred.wallS, 1)} s at concurrency ${hundred.concurrency}${hundred.extrapolated ? ' (extrapolated)' : ''}`
      : 'not run',
    target: '< 90 s',
    verdict: hundred
      ? verdict(hundred.wallS < 90, `${fmt(hundred.wallS - 90)} s, ${fmt(hundred.wallS / 90, 1)}× the target`)
      : 'not run',
  },
  {
    name: 'site build 100 agencies × 90 days',
    value: `${fmt(buildS, 2)} s`,
    target: '< 10 s',
    verdict: verdict(buildS < 10, `${fmt(buildS - 10, 2)} s`),
  },
];

const results: BenchResults = {
  startedAt,
  machine: { cpus: os.cpus().length, memGb: Math.round(os.totalmem() / 2 ** 30), node: process.version },
  accuracy: { samples, cases },
  timingsProbe,
  speed,
  auditAblation: { on, off },
  lighthouse: lh,
  site,
  writesPerAgency,
  cost,
  targets,
  totalS: (performance.now() - t0) / 1000,
};
await writeFile(fileURLToPath(new URL('./results.json', import.meta.url)), `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(`${render(results)}\n`);
process.exit(0);
