/**
 * Timing error under the monitor's own load, with and without the timing lane (issue 19): the accuracy pages of
 * the bench portal are probed while `BENCH_GATHERERS` catalogue-like pages (open the portal, settle, read) run in
 * the same process, first with a lane that lets everything run together (the old behaviour), then with the timing
 * lane. Reports mean and worst error per metric.
 * Run: `npx tsx bench/lane-accuracy.ts` (BENCH_REPS, BENCH_GATHERERS).
 */
import { TimingLane } from '@dvcwatch/probe';
import { accuracyUnderLoad } from './hundred-rounds.js';
import { SharedLane } from './shared-lane.js';

const reps = Number(process.env.BENCH_REPS ?? 1);
const gatherers = Number(process.env.BENCH_GATHERERS ?? 4);

for (const [label, lane] of [
  ['before (no lane)', new SharedLane()],
  ['after (timing lane)', new TimingLane()],
] as const) {
  const t0 = performance.now();
  const cases = await accuracyUnderLoad(lane, gatherers, reps);
  console.log(`\n${label}: ${gatherers} gathering pages alongside, ${Math.round((performance.now() - t0) / 1000)} s`);
  for (const c of cases)
    console.log(
      `  ${c.metric.padEnd(5)} d=${String(c.delayMs).padStart(4)}  mean err ${Math.round(c.meanErrMs)} ms, worst ${Math.round(c.worstErrMs)} ms, missing ${c.missing}`,
    );
}
