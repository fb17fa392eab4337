/**
 * Timing error under the monitor's own load, with and without the timing lane (issue 19): the accuracy pages of
 * the bench portal are probed while `BENCH_GATHERERS` catalogue-like pages (open the portal, settle, read) run in
 * the same process, first with a lane that lets everything run together (the old behaviour), then with the timing
 * lane. Reports mean and worst error per metric and the CPU share recorded with each load.
 * Run: `npx tsx bench/lane-accuracy.ts` (BENCH_REPS, BENCH_GATHERERS).
 */
import { createProber, TimingLane } from '@dvcwatch/probe';
import { measureAccuracy, summarise } from './accuracy.js';
import { startBenchPortal } from './portals.js';
import { SharedLane } from './shared-lane.js';

const reps = Number(process.env.BENCH_REPS ?? 1);
const gatherers = Number(process.env.BENCH_GATHERERS ?? 4);
const portal = await startBenchPortal();

for (const [label, lane] of [
  ['before (no lane)', new SharedLane()],
  ['after (timing lane)', new TimingLane()],
] as const) {
  const prober = createProber({ local: true, allowedOrigins: [portal.origin], lane });
  let stop = false;
  const load = Array.from({ length: gatherers }, async () => {
    while (!stop)
      await prober.session
        .withPage(`${portal.origin}/lcp?d=0&run=load`, async (p) => p.evaluate('document.body.innerText.length'), {
          timeoutMs: 15_000,
        })
        .catch(() => undefined);
  });
  const t0 = performance.now();
  const samples = await measureAccuracy(prober, portal, reps);
  stop = true;
  await Promise.all(load);
  await prober.close();
  console.log(`\n${label}: ${gatherers} gathering pages alongside, ${Math.round((performance.now() - t0) / 1000)} s`);
  for (const c of summarise(samples))
    console.log(
      `  ${c.metric.padEnd(5)} d=${String(c.delayMs).padStart(4)}  mean err ${Math.round(c.meanErrMs)} ms, worst ${Math.round(c.worstErrMs)} ms, missing ${c.missing}`,
    );
}
await portal.close();
