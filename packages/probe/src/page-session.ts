import type { PageError } from '@dvcwatch/core';
import type { Page, Response } from 'playwright-core';
import { GUARD_HEADER } from './guard.js';
import { isAllowedScheme } from './guard-policy.js';
import { openGuardedPage, type PageDeps } from './guarded-page.js';
import { watchNetwork } from './network-watch.js';
import { navigationError, pageError } from './page-error.js';
import type { OpenOptions, PageSession } from './session.js';
import { PROCESS_TIMING_LANE } from './timing-lane.js';

/** A page the session could not open or finish: the reason, as a probe would have recorded it. */
export class PageSessionError extends Error {
  constructor(
    readonly pageError: PageError,
    options?: ErrorOptions,
  ) {
    super(`${pageError.code}: ${pageError.message}`, options);
    this.name = 'PageSessionError';
  }
}

/** Longest wait for `load` before handing the page to `fn` (a hanging subresource must not eat the budget). */
const LOAD_WAIT_MS = 5_000;

/**
 * Longest wait of an element action that names no time of its own on a gathering page (Playwright's default is 30 s):
 * an element that went with its document (a post-back, a client route) must not eat the catalogue's budget.
 */
const ACTION_WAIT_MS = 5_000;

/**
 * A PageSession over the prober's browser: fresh guarded context per call, hard time limit, always closed. Each page
 * is a gathering page of the timing lane: it opens only while no timed load runs or waits (timing-lane.ts), and its
 * time limit starts once it may open.
 */
export const createPageSession = (deps: PageDeps): PageSession => ({
  async withPage<T>(url: string, fn: (page: Page, response: Response | null) => Promise<T>, opts: OpenOptions = {}) {
    if (!isAllowedScheme(url)) throw new PageSessionError(pageError('guard:scheme', `refused to open ${url.slice(0, 100)}`));
    return (deps.lane ?? PROCESS_TIMING_LANE).gather(() => openAndRun(deps, url, fn, opts));
  },
});

/** Opens `url` in a guarded page, hands it to `fn` once loaded, and closes it, within the time limit. */
async function openAndRun<T>(
  deps: PageDeps,
  url: string,
  fn: (page: Page, response: Response | null) => Promise<T>,
  opts: OpenOptions,
): Promise<T> {
  const timeoutMs = opts.timeoutMs ?? deps.limits.timeoutMs;
  const started = performance.now();
  const left = (): number => started + timeoutMs - performance.now();
  const gp = await openGuardedPage(deps, opts.viewport ? { viewport: opts.viewport } : {});
  gp.page.setDefaultTimeout(ACTION_WAIT_MS);
  // Gathering's `settle` (facts/dom.ts) asks it whether the content is still coming.
  watchNetwork(gp.page);
  const work = async (): Promise<T> => {
    let response: Response | null;
    try {
      const navigation = Math.min(left(), opts.navigationTimeoutMs ?? Number.POSITIVE_INFINITY);
      response = await gp.page.goto(url, { waitUntil: 'domcontentloaded', timeout: Math.max(500, navigation) });
    } catch (e) {
      if (gp.stats.download) throw new PageSessionError(pageError('download', 'the page is a file download'));
      throw new PageSessionError(navigationError(e, gp.stats.failedNavigation?.url ?? url, gp.guard.events), { cause: e });
    }
    const refused = response ? await response.headerValue(GUARD_HEADER) : null;
    if (refused) throw new PageSessionError(pageError(refused, `${response?.url()}: ${refused}`));
    await gp.page.waitForLoadState('load', { timeout: Math.max(1, Math.min(LOAD_WAIT_MS, left())) }).catch(() => {});
    return fn(gp.page, response);
  };
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PageSessionError(pageError('timeout', `page took longer than ${timeoutMs} ms`))), left());
  });
  const aborted = gp.aborted.then((e) => {
    throw new PageSessionError(e);
  });
  try {
    return await Promise.race([work(), limit, aborted]);
  } finally {
    clearTimeout(timer);
    await gp.close();
  }
}
