import type { PageArtifacts } from '@dvcwatch/core';
import { BrowserHost, type ProcessModel } from './browser-host.js';
import { type GuardProxy, startGuardProxy } from './guard.js';
import type { GuardOptions } from './guard-policy.js';
import type { PageDeps } from './guarded-page.js';
import { DEFAULT_LIMITS, type PageLimits } from './limits.js';
import { createPageSession } from './page-session.js';
import type { ProbePageOptions } from './probe-page.js';
import type { PageSession } from './session.js';
import { probePage } from './timed-probe.js';
import type { TimingLane } from './timing-lane.js';

/** How a prober is set up: the request guard, the limits, and optionally another Chromium. */
export interface ProberOptions extends GuardOptions {
  limits?: Partial<PageLimits>;
  /** Defaults to @sparticuz/chromium's binary and arguments. */
  executablePath?: string;
  args?: string[];
  /** `lambda`: @sparticuz/chromium's single-process arguments, one browser per page (browser-host.ts). */
  processModel?: ProcessModel;
  /** The timing lane; default the process's own (benchmarks pass another to compare). */
  lane?: TimingLane;
}

/** Drives one Chromium: probes pages and opens guarded pages for fact gatherers. */
export interface Prober {
  /** Probes one page; never throws for a portal's fault (see PageArtifacts.error). */
  probePage(url: string, kind: 'home' | 'form', opts?: ProbePageOptions): Promise<PageArtifacts>;
  session: PageSession;
  /** The request guard's policy, for gatherers that connect outside the browser (TLS). */
  readonly guard: GuardOptions;
  /** How many times the browser was launched (relaunches after a crash or a kill included). */
  launches(): number;
  /**
   * The same browser seen from another vantage: every connection of its pages leaves from `egress` (a loopback
   * source address, local runs only). Closing the parent closes it.
   */
  fromEgress(egress: string): Prober;
  /** Closes the browser and the guard proxies. */
  close(): Promise<void>;
}

/** Creates a prober. The browser is launched on first use and relaunched when it crashed or was killed. */
export const createProber = (options: ProberOptions): Prober => {
  const guard: GuardOptions = {
    local: options.local,
    allowedOrigins: [...options.allowedOrigins],
    ...(options.egress ? { egress: options.egress } : {}),
  };
  const limits: PageLimits = { ...DEFAULT_LIMITS, ...options.limits };
  // The browser-wide proxy: every page gets its own, this one catches anything outside a page's context.
  let browserGuard: Promise<GuardProxy> | null = null;
  const browserGuardServer = async (): Promise<string> => {
    browserGuard ??= startGuardProxy(guard);
    return (await browserGuard).server;
  };
  const host = new BrowserHost({
    proxyServer: browserGuardServer,
    ...(options.executablePath ? { executablePath: options.executablePath } : {}),
    ...(options.args ? { args: options.args } : {}),
    processModel: options.processModel ?? 'shared',
    closeTimeoutMs: limits.closeTimeoutMs,
  });
  const deps: PageDeps = { host, guard, limits, ...(options.lane ? { lane: options.lane } : {}) };
  const seenFrom = (egress: string): Prober => {
    const other: PageDeps = { ...deps, guard: { ...guard, egress } };
    return {
      probePage: (url, kind, opts) => probePage(other, url, kind, opts),
      session: createPageSession(other),
      guard: other.guard,
      launches: () => host.launches,
      fromEgress: seenFrom,
      close: async () => {},
    };
  };
  return {
    probePage: (url, kind, opts) => probePage(deps, url, kind, opts),
    session: createPageSession(deps),
    guard,
    launches: () => host.launches,
    fromEgress: seenFrom,
    close: async () => {
      await host.close(limits.closeTimeoutMs);
      const g = browserGuard;
      browserGuard = null;
      await (await g?.catch(() => null))?.close();
    },
  };
};
