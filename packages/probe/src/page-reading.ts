import { SAMPLE_EVERY_MS } from './formation-meter.js';
import type { GuardedPage } from './guarded-page.js';
import { sleep, withTimeout } from './limits.js';
import type { NetworkWatch } from './network-watch.js';
import { type PageReading, paintedExpression, readScript, sinceEntryExpression } from './page-script.js';

/** How a timed page is read once it has loaded: its paint awaited, its numbers read, the time of the last one. */

/** Total blocking time after FCP: each long task's part beyond 50 ms (Lighthouse's definition, without TTI). */
export const totalBlockingTime = (tasks: [number, number][], fcp: number | null): number => {
  let tbt = 0;
  for (const [start, duration] of tasks) {
    const from = Math.max(start, fcp ?? 0);
    const length = start + duration - from;
    if (length > 50) tbt += length - 50;
  }
  return tbt;
};

/**
 * Waits until the page has emitted FCP and an LCP entry, at most `ms`: under CPU contention a page paints later
 * than its load event, and a number read before it is missing, not fast. A page that never paints is left to the
 * reading (no FCP/LCP: `no-paint`).
 */
export const waitForPaint = async (page: GuardedPage['page'], ms: number): Promise<void> => {
  const painted = await page.evaluate<boolean>(paintedExpression).catch(() => false);
  if (painted || ms <= 0) return;
  await page.waitForFunction(paintedExpression, undefined, { polling: 50, timeout: Math.max(1, ms) }).catch(() => false);
};

/**
 * After the load event (and the paint): waits until the page has been quiet for `quietMs` — no request started or
 * ended, none in flight but background ones, no new LCP candidate or layout shift — and at least until `notBefore`
 * (performance.now() time), at most until `until`. A single-page app draws its content when its API answers, after
 * the load event: its largest paint comes then, where a fixed pause after the load event read the loading screen's.
 * `notBefore` keeps what the fixed pause saw: content a script draws on a timer shortly after the load event (no
 * request, nothing observable until it paints). `onQuiet.call` is called once the page has been quiet for
 * `onQuiet.afterMs`, even before `notBefore`, and again on later looks until it returns true: from then on the load
 * waits, idle, and another timed load may render beside it (timing-lane.ts `release`; a late paint is still seen,
 * and measured against what that load used). After new activity (a request, a paint, a new document) it is called
 * again once the page is quiet again.
 */
export const waitForQuiet = async (
  page: GuardedPage['page'],
  net: NetworkWatch,
  o: { quietMs: number; notBefore: number; until: number; onQuiet?: { afterMs: number; call: () => boolean } },
): Promise<void> => {
  let told = false;
  for (;;) {
    const sinceEntry = await page.evaluate<number>(sinceEntryExpression).catch(() => null);
    const now = performance.now();
    if (sinceEntry === null || now >= o.until) return;
    const quiet = Math.min(sinceEntry, net.quietForMs(now));
    if (o.onQuiet && quiet < o.onQuiet.afterMs) told = false;
    else if (o.onQuiet && !told) told = o.onQuiet.call();
    if (quiet >= o.quietMs && now >= o.notBefore) return;
    const untilQuiet = Math.max(25, o.quietMs - quiet);
    // Until `onQuiet` is told, look again as soon as it could be (a form not yet ready: at the meter's pace).
    const untilTold =
      !o.onQuiet || told
        ? Number.POSITIVE_INFINITY
        : quiet < o.onQuiet.afterMs
          ? Math.max(25, o.onQuiet.afterMs - quiet)
          : SAMPLE_EVERY_MS;
    await sleep(Math.min(o.until - now, untilTold, Math.max(untilQuiet, o.notBefore - now)));
  }
};

/** Reads the page's numbers, or null when its main thread does not answer in time. */
export const readPage = async (gp: GuardedPage, ms: number): Promise<PageReading | null> => {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      return await withTimeout(gp.page.evaluate<PageReading>(readScript), ms, 'read metrics');
    } catch (e) {
      // A document replaced while reading (a script redirect) is read again once it has loaded.
      if (!/context was destroyed|navigation/i.test((e as Error).message)) return null;
      await gp.page.waitForLoadState('load', { timeout: ms }).catch(() => {});
    }
  }
  return null;
};

/**
 * When the last of a page's numbers formed, in ms from its document's time origin: its answer, first and largest
 * paints, and a form's readiness (`readyMs`, from the same origin). The CPU others used after it cannot have moved them.
 */
export const lastNumberMs = (r: PageReading, readyMs: number | null): number =>
  Math.max(0, ...[r.ttfb, r.fcp, r.lcp, readyMs].filter((v): v is number => typeof v === 'number' && Number.isFinite(v)));

/**
 * Slack after the last number placed on the monitor's clock from the time the probe asked for the page: its
 * navigation starts a little later.
 */
export const NAVIGATION_SLACK_MS = 100;

/**
 * Slack after the last number placed on the monitor's clock from the document's own time origin (both the machine's
 * clock, read by two processes).
 */
export const CLOCK_SLACK_MS = 20;

/**
 * Quiet after which a timed load leaves the CPU to the next (timing-lane.ts `release`): no number of it formed
 * since. The formation meter takes a reading as the load leaves (`FormationMeter.mark`), and the window ends at the
 * first reading after the last number plus `CLOCK_SLACK_MS`: so it has ended before the next load uses any CPU.
 */
export const RELEASE_AFTER_QUIET_MS = 100;
