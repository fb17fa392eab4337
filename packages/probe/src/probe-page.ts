import { blankPage, homeSurface, isErrorPage, type PageArtifacts, type PageError, untimedIfError } from '@dvcwatch/core';
import type { Response } from 'playwright-core';
import { toDiagnosis } from './diagnosis.js';
import { collect } from './facts/dom.js';
import { FormationMeter } from './formation-meter.js';
import { GUARD_HEADER } from './guard.js';
import { isAllowedScheme } from './guard-policy.js';
import { type GuardedPage, openGuardedPage, type PageDeps } from './guarded-page.js';
import { withTimeout } from './limits.js';
import { watchNetwork } from './network-watch.js';
import { navigationError, pageError } from './page-error.js';
import {
  CLOCK_SLACK_MS,
  lastNumberMs,
  NAVIGATION_SLACK_MS,
  RELEASE_AFTER_QUIET_MS,
  readPage,
  totalBlockingTime,
  waitForPaint,
  waitForQuiet,
} from './page-reading.js';
import { initScript, type PageReading, type PageReport } from './page-script.js';
import type { ActiveMarks } from './timing-lane.js';
import { readTreeCpu } from './tree-cpu.js';

/** Options for one probe of one page. */
export interface ProbePageOptions {
  timeoutMs?: number;
  /** Where to write a viewport JPEG screenshot. */
  screenshotPath?: string;
  /** Alone in the timing lane, no other timed load beside it (a load timed again after it overlapped another). */
  exclusive?: boolean;
}

const round = (v: number | null | undefined): number | null =>
  typeof v === 'number' && Number.isFinite(v) ? Math.round(v) : null;

type Req = ReturnType<Response['request']>;

/** Every URL of the redirect chain that led to a request, requested first. */
const chainOf = (request: Req): string[] => {
  const chain: string[] = [];
  for (let r: Req | null = request; r; r = r.redirectedFrom()) chain.unshift(r.url());
  return chain;
};

/** Every URL of the redirect chain of a response, requested first. */
const redirectChain = (response: Response): string[] => chainOf(response.request());

/** Longest wait, before a busy phase, for another timed load to leave the CPU (timing-lane.ts `hold`). */
export const HOLD_MAX_MS = 2_000;

/**
 * Probes one page now, its CPU turns marked on `marks` (timed-probe.ts runs it in the lane); never throws for the portal's fault. Every failure is in `error`, with whatever was measured
 * before it. A hard limit (`timeoutMs`) bounds the whole attempt.
 */
export const probePageNow = async (
  deps: PageDeps,
  url: string,
  kind: 'home' | 'form',
  opts: ProbePageOptions,
  marks: ActiveMarks,
): Promise<PageArtifacts> => {
  const started = performance.now();
  const out = blankPage(url);
  if (kind === 'form') {
    out.readyMs = null;
    out.readyKind = null;
  }
  const finish = (error: PageError | null): PageArtifacts => {
    out.error ??= error;
    out.durationMs = Math.round(performance.now() - started);
    return out;
  };
  if (!isAllowedScheme(url)) return finish(pageError('guard:scheme', `refused to open a non-http(s) URL: ${url.slice(0, 100)}`));
  const timeoutMs = opts.timeoutMs ?? deps.limits.timeoutMs;
  const deadline = started + timeoutMs;
  const left = (): number => deadline - performance.now();

  let docStart: number | null = null;
  /** The time origin (epoch ms) of the latest document: the numbers read are counted from it. */
  let latestOrigin: number | null = null;
  let ready: { at: number; kind: 'form' | 'login' } | null = null;
  /** When the readiness report arrived (performance.now() time). */
  let readySeenAt: number | null = null;
  let onReady: () => void = () => {};
  const readySeen = new Promise<void>((r) => {
    onReady = r;
  });
  const onReport = (r: PageReport): void => {
    if (r.type === 'doc') {
      docStart = docStart === null ? r.origin : Math.min(docStart, r.origin);
      latestOrigin = latestOrigin === null ? r.origin : Math.max(latestOrigin, r.origin);
    } else if (!ready) {
      ready = { at: r.at, kind: r.kind };
      readySeenAt = performance.now();
      onReady();
    }
  };

  // Where timed loads overlap, a load that forms no numbers (it never answered) took nothing from anyone.
  if (marks.measuring && readTreeCpu() !== null) marks.measured(0);
  let blockedPopups = 0;
  let gp: GuardedPage;
  await marks.hold(Math.min(HOLD_MAX_MS, left()));
  marks.begin();
  try {
    gp = await withTimeout(openGuardedPage(deps, { initScript: initScript(kind === 'form'), onReport }), left(), 'open page');
  } catch (e) {
    return finish(pageError('probe', `could not open a browser page: ${(e as Error).message}`));
  } finally {
    marks.end();
  }
  const { page, guard, stats } = gp;
  const watchdog = new Promise<PageError>((resolve) => {
    setTimeout(() => resolve(pageError('timeout', `page did not finish within ${timeoutMs} ms`)), Math.max(0, left())).unref();
  });

  // The redirect chain as the browser follows it, so a navigation that fails at a later hop (a national portal
  // that times out, resets or does not resolve) still records where it was sent (core/classify.ts).
  let navigating = true;
  const net = watchNetwork(page);
  page.on('request', (request) => {
    if (navigating && request.isNavigationRequest() && request.frame() === page.mainFrame()) out.redirects = chainOf(request);
  });
  // The page renders from the main document's answer on: a busy phase until it is read and closed. Its numbers
  // form from that answer until they are read: what the rest of the monitor used of the CPU meanwhile is measured.
  let rendering = false;
  const meter = marks.measuring ? new FormationMeter(gp.browserPid) : null;
  let gotoAt = performance.now();
  /** When the latest main document answered: a client-side redirect's page counts its numbers from its own start. */
  let latestDocAt = gotoAt;
  /** Main documents that answered: more than one, the page sent itself on by script or `<meta http-equiv=refresh>`. */
  let documents = 0;
  let meterStopped = false;
  /** The numbers are read: `lastNumberAt` (performance.now() time, null: now) is when the last of them formed. */
  const formed = (lastNumberAt: number | null): void => {
    if (!meter || meterStopped) return;
    meterStopped = true;
    const others = meter.stop(lastNumberAt);
    // Numbers formed but their formation was not measured (the browser's process unknown, /proc unreadable): the
    // load is judged by its busy phases, never counted clean by default.
    if (others !== null) marks.measured(others);
    else if (rendering || lastNumberAt !== null) marks.measured(null);
  };
  page.on('response', (response) => {
    const request = response.request();
    if (!request.isNavigationRequest() || request.frame() !== page.mainFrame()) return;
    if (response.status() >= 300 && response.status() < 400) return;
    latestDocAt = performance.now();
    documents += 1;
    // A later document (a client-side redirect, perhaps after the load left the CPU) renders too: it takes the CPU
    // again, and its numbers' window runs from its own answer.
    marks.rendering();
    if (rendering) return;
    rendering = true;
    marks.begin();
    meter?.start();
  });

  /** When the page's last number formed, on this process's clock (performance.now() time). */
  const lastNumberAt = (reading: PageReading): number => {
    const readyAt = (ready as { at: number } | null)?.at ?? null;
    const last = lastNumberMs(reading, null);
    // From the read document's own time origin (the machine's clock, read by the browser), where it reported one.
    if (latestOrigin !== null) {
      const readyOnClock = readyAt === null ? 0 : readyAt - performance.timeOrigin;
      return Math.max(latestOrigin - performance.timeOrigin + last, readyOnClock) + CLOCK_SLACK_MS;
    }
    const readyMs = readyAt !== null && docStart !== null ? readyAt - docStart : null;
    return Math.max(gotoAt + lastNumberMs(reading, readyMs), latestDocAt + last) + NAVIGATION_SLACK_MS;
  };

  const flow = async (): Promise<PageError | null> => {
    // Leave time after navigation to read metrics: a quarter of the budget, at most 3 s.
    const reserve = Math.min(3_000, timeoutMs / 4);
    let response: Response | null;
    gotoAt = performance.now();
    latestDocAt = gotoAt;
    marks.navigating();
    try {
      response = await page.goto(url, { waitUntil: 'domcontentloaded', timeout: Math.max(500, left() - reserve) });
      navigating = false;
    } catch (e) {
      navigating = false;
      if (stats.download) return pageError('download', 'the page is a file download');
      return navigationError(e, stats.failedNavigation?.url ?? url, guard.events);
    }
    out.finalUrl = page.url();
    if (response) {
      out.redirects = redirectChain(response);
      const headers = await withTimeout(response.allHeaders(), 2_000, 'headers').catch(() => response?.headers() ?? {});
      const refused = headers[GUARD_HEADER];
      if (refused) return pageError(refused, `${response.url()}: ${refused}`);
      out.httpStatus = response.status();
      out.headers = headers;
      if (headers['cf-mitigated'] === 'challenge') out.challenge = true;
    }
    await page.waitForLoadState('load', { timeout: Math.max(1, left() - reserve) }).catch(() => {});
    const loadedAt = performance.now();
    // An error answer's paint is not the portal's speed: nothing to wait for (core/error-page.ts).
    const answered = out.httpStatus === null || !isErrorPage({ httpStatus: out.httpStatus, challenge: out.challenge });
    if (answered) {
      await waitForPaint(page, left() - reserve);
      const { settleMs, quietMs, settleMaxMs } = deps.limits;
      const until = Math.min(performance.now() + settleMaxMs, deadline - reserve);
      // Painted and quiet, a form ready as long: its numbers have formed; the rest of the settle is an idle wait,
      // beside which another timed load may render (a late paint is measured against the CPU that load used).
      const onQuiet = {
        afterMs: RELEASE_AFTER_QUIET_MS,
        call: (): boolean => {
          if (kind === 'form' && (readySeenAt === null || performance.now() - readySeenAt < RELEASE_AFTER_QUIET_MS)) return false;
          meter?.mark();
          marks.release();
          return true;
        },
      };
      await waitForQuiet(page, net, { quietMs, notBefore: Math.min(loadedAt + settleMs, until), until, onQuiet });
    }
    if (answered && kind === 'form' && !ready) await withTimeout(readySeen, left() - reserve, 'form ready').catch(() => {});
    await marks.hold(Math.min(HOLD_MAX_MS, left() - 500));
    const reading = await readPage(gp, Math.min(2_000, left()));
    formed(reading ? lastNumberAt(reading) : null);
    if (!reading) return pageError('timeout', 'the page stopped answering (script busy) after it loaded');
    blockedPopups = reading.blockedPopups;
    // The numbers read are the last document's: where it is (a province's notice page that sends citizens on to the
    // national portal by script is `consolidated`, as an HTTP redirect is: core/classify.ts).
    if (documents > 1) out.finalUrl = page.url();
    out.title = reading.title;
    out.challenge ||= reading.challenge;
    out.ttfbMs = round(reading.ttfb);
    out.domContentLoadedMs = round(reading.dcl);
    out.loadMs = round(reading.load);
    out.fcpMs = round(reading.fcp);
    out.lcpMs = round(reading.lcp);
    out.cls = reading.cls === null ? null : Math.round(reading.cls * 10_000) / 10_000;
    out.tbtMs = reading.tasks ? round(totalBlockingTime(reading.tasks, reading.fcp)) : null;
    out.diagnosis = toDiagnosis(reading.diag);
    const r = ready as { at: number; kind: 'form' | 'login' } | null;
    if (kind === 'form' && r && docStart !== null) {
      out.readyMs = round(r.at - docStart);
      out.readyKind = r.kind;
    }
    if (isErrorPage(out)) {
      // Status, title and first text stay for the diagnosis; the timings go (issue 19).
      Object.assign(out, untimedIfError(out));
      out.firstText = reading.firstText || null;
    }
    if (kind === 'home' && left() > 500)
      // Which of the catalogue's functions the home page offers: a changed surface re-runs the checks (facts-refresh).
      out.surface = await withTimeout(collect(page, 400, 0), Math.min(1_000, left()), 'surface')
        .then(({ links }) => homeSurface(links))
        .catch(() => null);
    if (opts.screenshotPath && left() > 500) {
      const path = opts.screenshotPath;
      await page
        .screenshot({ type: 'jpeg', quality: 70, path, timeout: Math.min(5_000, left()) })
        .then(() => {
          out.screenshot = path;
        })
        .catch(() => {});
    }
    return null;
  };

  let error: PageError | null;
  try {
    error = await Promise.race([flow(), gp.aborted, watchdog]);
  } catch (e) {
    error = pageError('probe', (e as Error).message);
  }
  out.dialogs = stats.dialogs;
  out.popups = stats.popups + blockedPopups;
  out.bytes = guard.bytes();
  // A copy: a flow that lost the race may still write to `out` until its context is gone.
  const result = structuredClone(finish(error));
  formed(null);
  await marks.hold(Math.min(HOLD_MAX_MS, Math.max(0, left())));
  if (!rendering) marks.begin();
  rendering = true;
  await gp.close().finally(() => marks.end());
  return result;
};
