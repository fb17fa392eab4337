import type { Page } from 'playwright-core';

/**
 * A request in flight this long is the page's background (long polling, a beacon that never ends), not its loading:
 * it no longer keeps a timed page from being quiet.
 */
export const BACKGROUND_REQUEST_MS = 2_000;

/** Requests a page's content waits for: its documents and scripts, and the API calls a client-side app draws from. */
const AWAITED_TYPES: ReadonlySet<string> = new Set(['document', 'script', 'xhr', 'fetch']);

/** A page's network as the probe sees it. */
export interface NetworkWatch {
  /** Ms since a request last started or ended; 0 while a request younger than BACKGROUND_REQUEST_MS is in flight. */
  quietForMs(now: number): number;
  /**
   * Ms since a request the content waits for (AWAITED_TYPES) last started or ended; 0 while one is in flight,
   * however long it has been: an API that answers in 3 s is the content coming, not background.
   */
  awaitedQuietForMs(now: number): number;
}

const watches = new WeakMap<Page, NetworkWatch>();

/** Watches a page's requests from now on (started, finished, failed); `networkOf(page)` finds the watch again. */
export const watchNetwork = (page: Page): NetworkWatch => {
  const open = new Map<unknown, { since: number; awaited: boolean }>();
  let last = performance.now();
  let lastAwaited = last;
  page.on('request', (r) => {
    last = performance.now();
    const awaited = AWAITED_TYPES.has(r.resourceType());
    if (awaited) lastAwaited = last;
    open.set(r, { since: last, awaited });
  });
  const done = (r: unknown) => {
    last = performance.now();
    if (open.get(r)?.awaited) lastAwaited = last;
    open.delete(r);
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  const watch: NetworkWatch = {
    quietForMs: (now) => {
      for (const { since } of open.values()) if (now - since < BACKGROUND_REQUEST_MS) return 0;
      return Math.max(0, now - last);
    },
    awaitedQuietForMs: (now) => {
      for (const { awaited } of open.values()) if (awaited) return 0;
      return Math.max(0, now - lastAwaited);
    },
  };
  watches.set(page, watch);
  return watch;
};

/** The watch `watchNetwork` set on this page, if any. */
export const networkOf = (page: Page): NetworkWatch | undefined => watches.get(page);
