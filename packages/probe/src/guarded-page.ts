import type { PageError } from '@dvcwatch/core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { BrowserSource } from './browser-host.js';
import { type GuardProxy, startGuardProxy } from './guard.js';
import { type GuardOptions, isAllowedScheme } from './guard-policy.js';
import { type PageLimits, withTimeout } from './limits.js';
import { pageError } from './page-error.js';
import { type PageReport, popupBlockScript, REPORT_BINDING } from './page-script.js';
import type { TimingLane } from './timing-lane.js';

/** What the prober shares with each page it opens. */
export interface PageDeps {
  host: BrowserSource;
  guard: GuardOptions;
  limits: PageLimits;
  /** The timing lane timed loads take and gathering pages yield to; default: the process's own. */
  lane?: TimingLane;
}

/** What happened around the page while it was open. */
export interface PageStats {
  dialogs: number;
  popups: number;
  download: boolean;
  /** The last failed main-frame navigation request, to map a proxy failure to the guard's reason. */
  failedNavigation: { url: string; errorText: string } | null;
}

/** A page in a fresh context behind its own guard proxy; `close` always tears all of it down. */
export interface GuardedPage {
  context: BrowserContext;
  page: Page;
  guard: GuardProxy;
  stats: PageStats;
  /** Resolves with the reason once the page is given up (too large, popup storm, forbidden scheme). */
  aborted: Promise<PageError>;
  abort(error: PageError): void;
  close(): Promise<void>;
  /** The process id of the page's browser, where known (its CPU is told apart from the rest's: tree-cpu.ts). */
  browserPid?: number;
}

const VIEWPORT = { width: 1366, height: 768 };

/** A desktop Chrome user agent: `HeadlessChrome` is refused outright by many WAFs, unlike a citizen's browser. */
const userAgent = (version: string): string =>
  `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${version.split('.')[0]}.0.0.0 Safari/537.36`;

/** Opens a guarded page: fresh context, per-page proxy (byte count, refusals), dialogs/popups/downloads handled. */
export const openGuardedPage = async (
  deps: PageDeps,
  opts: { viewport?: { width: number; height: number }; initScript?: string; onReport?: (r: PageReport) => void },
): Promise<GuardedPage> => {
  let settle: (e: PageError) => void = () => {};
  let abortedWith: PageError | null = null;
  const aborted = new Promise<PageError>((resolve) => {
    settle = resolve;
  });
  const abort = (error: PageError): void => {
    if (abortedWith) return;
    abortedWith = error;
    settle(error);
  };
  const guard = await startGuardProxy({
    ...deps.guard,
    maxBytes: deps.limits.maxBytes,
    onTooLarge: () => abort(pageError('too-large', `more than ${deps.limits.maxBytes} bytes received`)),
  });
  let context: BrowserContext;
  let browser: Browser | null = null;
  try {
    browser = await deps.host.browser();
    context = await browser.newContext({
      // The page's own guard: directly, or through its browser's relay (browser-host.ts, proxy-relay.ts).
      proxy: { server: deps.host.proxyFor?.(browser, guard.server) ?? guard.server },
      acceptDownloads: false,
      serviceWorkers: 'block',
      viewport: opts.viewport ?? VIEWPORT,
      userAgent: userAgent(browser.version()),
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
    });
  } catch (e) {
    if (browser) await deps.host.release(browser);
    await guard.close();
    throw e;
  }
  const stats: PageStats = { dialogs: 0, popups: 0, download: false, failedNavigation: null };
  const close = async (): Promise<void> => {
    try {
      await withTimeout(deps.host.endContext?.(context) ?? context.close(), deps.limits.closeTimeoutMs, 'context close');
    } catch {
      // A renderer stuck in a loop can hang the close: kill the browser; the next page relaunches it.
      await deps.host.kill(browser ?? undefined);
    }
    if (browser) await deps.host.release(browser);
    await guard.close();
  };
  try {
    if (opts.onReport) {
      const onReport = opts.onReport;
      await context.exposeBinding(REPORT_BINDING, ({ frame }, report: PageReport) => {
        if (frame === page.mainFrame()) onReport(report);
      });
    }
    await context.addInitScript({ content: popupBlockScript });
    if (opts.initScript) await context.addInitScript({ content: opts.initScript });
    // Non-http schemes never reach the proxy: refuse them before the browser fetches anything.
    await context.route(
      (url) => !isAllowedScheme(url.href) && url.protocol !== 'data:' && url.protocol !== 'blob:',
      (route) => route.abort('blockedbyclient'),
    );
    const page = await context.newPage();
    context.on('page', (p) => {
      if (p === page) return;
      stats.popups += 1;
      void p.close().catch(() => {});
      if (stats.popups > deps.limits.maxPopups) abort(pageError('popup-storm', `more than ${deps.limits.maxPopups} popups`));
    });
    page.on('dialog', (d) => {
      stats.dialogs += 1;
      void d.dismiss().catch(() => {});
    });
    page.on('download', (d) => {
      stats.download = true;
      void d.cancel().catch(() => {});
    });
    page.on('requestfailed', (r) => {
      if (r.isNavigationRequest() && r.frame() === page.mainFrame()) {
        stats.failedNavigation = { url: r.url(), errorText: r.failure()?.errorText ?? '' };
      }
    });
    page.on('framenavigated', (f) => {
      const url = f.url();
      if (f === page.mainFrame() && !isAllowedScheme(url) && !/^(about:blank|chrome-error:)/.test(url)) {
        abort(pageError('guard:scheme', `navigated to a ${url.split(':')[0]}: URL`));
      }
    });
    const browserPid = browser ? deps.host.pidOf?.(browser) : undefined;
    return { context, page, guard, stats, aborted, abort, close, ...(browserPid ? { browserPid } : {}) };
  } catch (e) {
    await close();
    throw e;
  }
};
