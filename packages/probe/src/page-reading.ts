import type { GuardedPage } from './guarded-page.js';
import { sleep, withTimeout } from './limits.js';
import { type PageReading, paintedExpression, readScript } from './page-script.js';

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
 * than its load event, and a number read before it is missing, not fast. Once a late paint arrives, LCP candidates
 * get `settleMs` more to settle. A page that never paints is left to the reading (no FCP/LCP: `no-paint`).
 */
export const waitForPaint = async (page: GuardedPage['page'], ms: number, settleMs: number): Promise<void> => {
  const painted = await page.evaluate<boolean>(paintedExpression).catch(() => false);
  if (painted || ms <= 0) return;
  const started = performance.now();
  const late = await page
    .waitForFunction(paintedExpression, undefined, { polling: 50, timeout: Math.max(1, ms) })
    .then(() => true)
    .catch(() => false);
  if (late) await sleep(Math.min(settleMs, ms - (performance.now() - started)));
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
 * When the last of a page's numbers formed, in ms from navigation start: its answer, first and largest paints, and
 * a form's readiness (`readyMs`, from the document's time origin). The CPU others used after it cannot have moved them.
 */
export const lastNumberMs = (r: PageReading, readyMs: number | null): number =>
  Math.max(0, ...[r.ttfb, r.fcp, r.lcp, readyMs].filter((v): v is number => typeof v === 'number' && Number.isFinite(v))) +
  LAST_NUMBER_SLACK_MS;

/** Slack after the last number (the page's navigation starts a little after the probe asked for it). */
const LAST_NUMBER_SLACK_MS = 100;
