/**
 * `npx tsx bench/process-model.ts`: the cost of Chromium's Lambda process model (single-process browsers serving
 * pages in turn, packages/probe/src/browser-host.ts) against the shared one (one multi-process browser, a renderer
 * process per page), on the bench portal (127.0.0.1).
 * Prints the median wall time per page probe, the machine's CPU per page (every process: the browser's, the
 * portal's and this one's, from os.cpus()) and the median home LCP of each model. Knob: BENCH_PAGES (default 10).
 */
import { cpus } from 'node:os';
import { createProber, type ProcessModel } from '@dvcwatch/probe';
import { startBenchPortal } from './portals.js';
import { median } from './stats.js';

const pages = Number(process.env.BENCH_PAGES ?? 10);
/** CPU milliseconds every core has spent busy since boot. */
const busyMs = (): number => cpus().reduce((sum, { times: t }) => sum + t.user + t.nice + t.sys + t.irq, 0);
const portal = await startBenchPortal();
const rows: string[] = [];
try {
  for (const model of ['shared', 'lambda'] as ProcessModel[]) {
    const prober = createProber({ local: true, allowedOrigins: [portal.origin], processModel: model });
    const wall: number[] = [];
    const lcp: number[] = [];
    try {
      // One warm-up page: the shared model's launch is paid once per container, not per page.
      await prober.probePage(`${portal.origin}/ttfb?d=0&run=warm-${model}`, 'home');
      const busy0 = busyMs();
      for (let i = 0; i < pages; i++) {
        const t0 = performance.now();
        const page = await prober.probePage(`${portal.origin}/lcp?d=200&run=${model}-${i}`, 'home');
        wall.push(performance.now() - t0);
        if (page.lcpMs !== null) lcp.push(page.lcpMs);
      }
      const cpuPerPage = (busyMs() - busy0) / pages;
      rows.push(
        `${model.padEnd(7)} ${String(Math.round(median(wall))).padStart(6)} ms/page  CPU ${Math.round(cpuPerPage)} ms/page  median LCP ${Math.round(median(lcp))} ms  launches ${prober.launches()}`,
      );
    } finally {
      await prober.close();
    }
  }
} finally {
  await portal.close();
}
console.log(rows.join('\n'));
