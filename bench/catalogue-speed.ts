/**
 * `npx tsx bench/catalogue-speed.ts`: seconds per agency for the whole check catalogue (home and form pages, every
 * check, the axe audit), on copies of the good demo portal, one agency at a time unless told, repeated. The number the README's cost
 * model uses, measured alone so that a change to the catalogue can be compared before and after on one machine.
 * Knobs: BENCH_AGENCIES (default 8), BENCH_RUNS (default 2), BENCH_CONCURRENCY (default 1: one agency at a time, as one
 * probe Lambda runs it; more shows how the gathering shares the machine's cores).
 */
import { measureRound } from './speed.js';
import { openRoundWorld } from './world.js';

const agencies = Number(process.env.BENCH_AGENCIES ?? 8);
const runs = Number(process.env.BENCH_RUNS ?? 2);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 1);
const world = await openRoundWorld(agencies);
const perAgency: number[] = [];
try {
  for (let i = 0; i < runs; i++) {
    const r = await measureRound(world, agencies, concurrency, true);
    const s = r.wallS / agencies;
    perAgency.push(s);
    process.stderr.write(
      `run ${i + 1}: ${agencies} agencies in ${r.wallS.toFixed(1)} s = ${s.toFixed(2)} s per agency (mean probe ${(r.meanProbeMs / 1000).toFixed(2)} s, ${JSON.stringify(r.counts)})\n`,
    );
  }
} finally {
  await world.close();
}
const mean = perAgency.reduce((a, b) => a + b, 0) / perAgency.length;
process.stdout.write(
  `${JSON.stringify({ agencies, concurrency, runs, secondsPerAgency: perAgency.map((s) => +s.toFixed(2)), mean: +mean.toFixed(2) })}\n`,
);
