/**
 * `npm run bench`: how fast, how accurate and how cheap dvcwatch is, side by side with Lighthouse, in one run.
 * Everything is served and probed on 127.0.0.1. Prints a plain-text table and writes bench/results.json.
 * Knobs (environment): BENCH_REPS (accuracy repetitions, ≥ 5), BENCH_LH_RUNS, BENCH_ROUND_CAP_S (longest round
 * actually run; longer ones are extrapolated), BENCH_SIZES, BENCH_CONCURRENCY (comma lists) for rounds that run the
 * whole catalogue; BENCH_SCHEDULE_AGENCIES, BENCH_SCHEDULE_CONCURRENCY (comma list), BENCH_SCHEDULE_HOURS for the
 * hourly schedule as it runs (catalogue per agency every `checksEveryHours`); BENCH_STORE_SIZES (comma list),
 * BENCH_PUBLISHER_AGENCIES, BENCH_PUBLISHER_DAYS for the store at scale. `--only store` runs that section alone
 * (written to bench/results-store.json); `--only rounds` the 100-agency rounds beside Lighthouse, before and after the
 * timing lane (bench/results-rounds.json). BENCH_LAB_RUNS for the ministry-profile section (alone: `npm run bench:lab`).
 */
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { DEFAULT_PROBE } from '@dvcwatch/core';
import { createProber, DEFAULT_LIMITS } from '@dvcwatch/probe';
import { measureAccuracy, summarise } from './accuracy.js';
import { monthlyCost, PRICES, timeSiteBuild } from './cost.js';
import { measureHundredRounds, renderHundredRounds } from './hundred-rounds.js';
import { measureLab, renderLab } from './lab-bench.js';
import { sideBySide } from './lighthouse.js';
import { startBenchPortal } from './portals.js';
import { type BenchResults, render } from './report.js';
import { measureRound, measureSchedule, measureSpeed } from './speed.js';
import { fmt, mean, median, verdict } from './stats.js';
import { measureStoreScale, renderStoreScale } from './store-scale.js';
import { openRoundWorld } from './world.js';

const num = (name: string, dflt: number) => (process.env[name] ? Number(process.env[name]) : dflt);
const list = (name: string, dflt: number[]) => process.env[name]?.split(',').map(Number) ?? dflt;
const log = (line: string) => process.stderr.write(`${line}\n`);

const reps = Math.max(5, num('BENCH_REPS', 5));
const lhRuns = num('BENCH_LH_RUNS', 2);
const labRuns = num('BENCH_LAB_RUNS', 3);
const capS = num('BENCH_ROUND_CAP_S', 150);
const sizes = list('BENCH_SIZES', [10, 50, 100]);
const concurrencies = list('BENCH_CONCURRENCY', [1, 4, 8]);
const scheduleAgencies = num('BENCH_SCHEDULE_AGENCIES', 100);
const scheduleConcurrency = list('BENCH_SCHEDULE_CONCURRENCY', [8, 4]);
const scheduleHours = num('BENCH_SCHEDULE_HOURS', 3);

const storeScale = () =>
  measureStoreScale({
    sizes: list('BENCH_STORE_SIZES', [100, 1_000]),
    publisherAgencies: num('BENCH_PUBLISHER_AGENCIES', 1_000),
    days: num('BENCH_PUBLISHER_DAYS', 90),
    log,
  });

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;
if (only === 'store') {
  log('store at scale');
  const store = await storeScale();
  await writeFile(fileURLToPath(new URL('./results-store.json', import.meta.url)), `${JSON.stringify(store, null, 2)}\n`);
  process.stdout.write(`${renderStoreScale(store)}\n`);
  process.exit(0);
} else if (only === 'rounds') {
  log('100-agency rounds beside Lighthouse, before and after the timing lane');
  const hundred = await measureHundredRounds(log);
  await writeFile(fileURLToPath(new URL('./results-rounds.json', import.meta.url)), `${JSON.stringify(hundred, null, 2)}\n`);
  process.stdout.write(`${renderHundredRounds(hundred)}\n`);
  process.exit(0);
} else if (only) {
  throw new Error(`--only ${only}: unknown section (known: store, rounds)`);
}

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
let schedule: Awaited<ReturnType<typeof measureSchedule>>;
try {
  speed = await measureSpeed(world, sizes, concurrencies, capS, log);
  off = await measureRound(world, 10, 1, false);
  log(`  audit off, 10 agencies × concurrency 1: ${off.wallS.toFixed(1)} s`);
  log(
    `2b/4 the hourly schedule: ${scheduleAgencies} agencies, concurrency ${scheduleConcurrency.join('/')}, ${scheduleHours} h each`,
  );
  schedule = await measureSchedule(world, scheduleAgencies, scheduleConcurrency, scheduleHours, log);
} finally {
  await world.close();
}
const on = speed.find((s) => s.agencies === off.agencies && s.concurrency === off.concurrency && !s.extrapolated) ?? speed[0]!;

log('4/4 site build and cost');
const site = { agencies: 100, days: 90, ...timeSiteBuild(100, 90) };
const measured = speed.filter((s) => !s.extrapolated && s.writes);
// Writes of the hourly rounds as they repeat (results, aggregates, rounds, and the facts of the agencies due).
const hourlyRounds = schedule.hourly.filter((r) => r.writes);
const sum = (f: (r: (typeof hourlyRounds)[number]) => number) => hourlyRounds.reduce((a, r) => a + f(r), 0);
const agencyRounds = sum((r) => r.agencies);
const writesPerAgency = {
  calls: sum((r) => r.writes!.calls) / agencyRounds,
  bytes: sum((r) => r.writes!.bytes) / agencyRounds,
  wru: sum((r) => r.writes!.wru) / agencyRounds,
  fromRound: `${hourlyRounds.length} hourly rounds of ${scheduleAgencies} agencies, ${sum((r) => r.writes!.calls)} calls`,
};
// Lambda time per agency per round: the full catalogue (concurrency 1) once every `checksEveryHours`, the two timing
// probes in the other rounds.
const c1 = measured.filter((s) => s.concurrency === 1);
const fullProbeMs = mean((c1.length ? c1 : measured).map((s) => s.meanProbeMs));
const every = DEFAULT_PROBE.checksEveryHours;
const probeMs = fullProbeMs / every + 2 * timingsProbe.meanProbeMs * (1 - 1 / every);
const cost = {
  probeMs,
  fullProbeMs,
  every,
  rows: [100, 1_000].map((n) => monthlyCost(n, probeMs, writesPerAgency.wru)),
  prices: PRICES,
};

// Targets.
const worstCase = cases.reduce((a, b) => (Math.abs(b.worstErrMs) - b.allowedMs > Math.abs(a.worstErrMs) - a.allowedMs ? b : a));
const excess = Math.abs(worstCase.worstErrMs) - worstCase.allowedMs;
const lhPerPage = mean(lh.flatMap((p) => p.lhS));
const oursPerPage = mean(lh.flatMap((p) => p.oursS));
const ratio = lhPerPage / oursPerPage;
const fullPerPage = fullProbeMs / 2 / 1000;
// The hourly round as it repeats: for each concurrency its slowest hour; the best concurrency's is judged.
const slowestHour = scheduleConcurrency.map((c) =>
  schedule.hourly.filter((r) => r.concurrency === c).reduce((a, b) => (b.wallS > a.wallS ? b : a)),
);
const hundred = slowestHour.reduce((a, b) => (b.wallS < a.wallS ? b : a));
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
    name: `${hundred.agencies}-agency hourly round (timings + catalogue on its schedule + audit)`,
    value: `slowest of ${scheduleHours} hours ${fmt(hundred.wallS, 1)} s at concurrency ${hundred.concurrency} (catalogue ran for ${hundred.catalogueRuns}); first round ${fmt(schedule.first.wallS, 1)} s`,
    target: '< 90 s',
    verdict: verdict(hundred.wallS < 90, `${fmt(hundred.wallS - 90)} s, ${fmt(hundred.wallS / 90, 1)}× the target`),
  },
  {
    name: 'site build 100 agencies × 90 days',
    value: `${fmt(buildS, 2)} s`,
    target: '< 10 s',
    verdict: verdict(buildS < 10, `${fmt(buildS - 10, 2)} s`),
  },
];

log('5/5 store at scale: write units per round, publisher at 1,000 agencies');
const store = await storeScale();
log('100-agency rounds beside Lighthouse, before and after the timing lane (issue 19)');
const rounds100 = await measureHundredRounds(log);

const results: BenchResults & { store: typeof store; hundred: typeof rounds100 } = {
  startedAt,
  machine: { cpus: os.cpus().length, memGb: Math.round(os.totalmem() / 2 ** 30), node: process.version },
  accuracy: { samples, cases },
  timingsProbe,
  speed,
  auditAblation: { on, off },
  schedule,
  lighthouse: lh,
  site,
  writesPerAgency,
  cost,
  targets,
  store,
  hundred: rounds100,
  totalS: (performance.now() - t0) / 1000,
};
log(`ministry profile (Lighthouse mobile) vs Lighthouse CLI: 4 pages × ${labRuns} runs each`);
const lab = await measureLab(labRuns, log);
await writeFile(
  fileURLToPath(new URL('./results.json', import.meta.url)),
  `${JSON.stringify({ ...results, lab, totalS: (performance.now() - t0) / 1000 }, null, 2)}\n`,
);
process.stdout.write(
  `${render(results)}\n${renderStoreScale(store)}\n\n${renderHundredRounds(rounds100)}\n\n${renderLab(lab)}\n`,
);
process.exit(0);
