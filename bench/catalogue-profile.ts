/**
 * `npx tsx bench/catalogue-profile.ts`: where one agency's catalogue time goes, on copies of the good demo portal:
 * the home and form probes, then each fact gatherer's own wall time (`gatherFacts`' `onTiming`; the page tasks run
 * two at a time, so they add up to more than the gathering's total). Knob: BENCH_AGENCIES (default 4).
 */
import { gatherFacts } from '@dvcwatch/probe';
import { openRoundWorld } from './world.js';

const n = Number(process.env.BENCH_AGENCIES ?? 4);
const world = await openRoundWorld(n);
const times = new Map<string, number[]>();
const add = (key: string, ms: number) => times.set(key, [...(times.get(key) ?? []), ms]);
const since = (t0: number) => performance.now() - t0;
try {
  const { registry } = world.deps(n, true);
  // The first page launches Chromium: not part of any agency's time.
  await world.prober.probePage(registry.agencies[0]!.portal.home, 'home');
  for (const agency of registry.agencies) {
    const t0 = performance.now();
    const shot = world.evidence.path(agency.id, new Date().toISOString(), 'home');
    const home = await world.prober.probePage(agency.portal.home, 'home', { screenshotPath: shot.file });
    add('probe: home page', since(t0));
    const t1 = performance.now();
    if (agency.portal.form) await world.prober.probePage(agency.portal.form, 'form');
    add('probe: form page', since(t1));
    const t2 = performance.now();
    await gatherFacts(world.prober.session, {
      homeUrl: home.finalUrl ?? agency.portal.home,
      ...(agency.portal.form ? { formUrl: agency.portal.form } : {}),
      guard: world.prober.guard,
      accessibility: true,
      onTiming: (gatherer, ms) => add(`gatherer: ${gatherer}`, ms),
      onError: (gatherer, e) => process.stderr.write(`${gatherer} failed: ${e instanceof Error ? e.message : e}\n`),
    });
    add('facts: total', since(t2));
    add('agency: total', since(t0));
  }
} finally {
  await world.close();
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
for (const [key, ms] of times) process.stdout.write(`${key.padEnd(32)} ${mean(ms).toFixed(0).padStart(6)} ms (n=${ms.length})\n`);
