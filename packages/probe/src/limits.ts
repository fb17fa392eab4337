/** Bounds on the work one page may cost the prober. */
export interface PageLimits {
  /** Hard limit for one page: navigation, settling, measuring and the screenshot. */
  timeoutMs: number;
  /** Bytes received through the guard proxy before the page is cut off as `too-large`. */
  maxBytes: number;
  /** Popups closed before the page is given up as `popup-storm`. */
  maxPopups: number;
  /** A context or browser that does not close within this is killed (SIGKILL) and the browser relaunched. */
  closeTimeoutMs: number;
  /** A timed page's numbers are read no sooner than this after its load event, so LCP and CLS have settled. */
  settleMs: number;
  /**
   * And once it has been quiet this long: no request, no new LCP candidate or layout shift (page-reading.ts
   * `waitForQuiet`; a single-page app's content comes when its API answers, after the load event).
   */
  quietMs: number;
  /** Longest wait for that quiet, after the paint (a page that keeps loading or shifting is read after this). */
  settleMaxMs: number;
}

import { CLOSE_TIMEOUT_MS, DEFAULT_PROBE_TIMING } from '@dvcwatch/core';

/**
 * Defaults (the page and close limits are core/probe-budget.ts's, which sizes the probe Lambda). 20 s per page: Upptime and Checkly default to 30 s for a whole check; a portal page slower than 20 s
 * is down for a citizen anyway. 15 MB: several times a typical page (the HTTP Archive Web Almanac puts the median
 * desktop page at about 2–3 MB); provisional.
 * Settle: LCP candidates stop being emitted once the page is idle (web.dev, "Largest Contentful Paint"): 500 ms after
 * the load event at least, and 250 ms of quiet after the last request and the last candidate, at most 3 s
 * (Lighthouse waits for 1 s of network and CPU quiet, for metrics up to interactivity, which the probe does not
 * measure).
 */
export const DEFAULT_LIMITS: PageLimits = {
  timeoutMs: DEFAULT_PROBE_TIMING.pageTimeoutMs,
  maxBytes: 15 * 1024 * 1024,
  maxPopups: 20,
  closeTimeoutMs: CLOSE_TIMEOUT_MS,
  settleMs: 500,
  quietMs: 250,
  settleMaxMs: 3_000,
};

/** Thrown by `withTimeout` when its limit passes first. */
export class DeadlineError extends Error {
  constructor(
    readonly what: string,
    ms: number,
  ) {
    super(`${what} took longer than ${ms} ms`);
    this.name = 'DeadlineError';
  }
}

/** Resolves with `p`, or rejects with DeadlineError after `ms` (the timer never keeps the process alive). */
export const withTimeout = <T>(p: Promise<T>, ms: number, what: string): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new DeadlineError(what, ms)), Math.max(0, ms));
    timer.unref?.();
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });

/** Sleeps `ms`. */
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, ms)));
