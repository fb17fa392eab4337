import type { LabMetrics, LabOpportunity, LabRun, LabSettings } from '@dvcwatch/core';
import lighthouse from 'lighthouse';
import { type GuardEvent, startGuardProxy } from '../guard.js';
import type { GuardOptions } from '../guard-policy.js';
import { isAllowedScheme } from '../guard-policy.js';
import { withTimeout } from '../limits.js';
import { launchLabChrome } from './chrome.js';

/** Runs the ministry profile on pages, one at a time (Lighthouse must never run in parallel on one machine). */
export interface LabRunner {
  run(url: string, page: 'home' | 'form'): Promise<LabRun>;
  close(): Promise<void>;
}

export interface LabRunnerOptions {
  guard: GuardOptions;
  /** Whole-run limit per page (Lighthouse's own load wait is a little shorter). */
  timeoutMs?: number;
  executablePath?: string;
  args?: string[];
  /**
   * Run Chromium with `--single-process` (required on Lambda). Measured here: Lighthouse runs, but attributes the
   * whole browser's work to the main thread (13 s of "main-thread work", TBT 0 on a page where a multi-process
   * Chromium gives 150–190 ms), so TBT and the score of such runs are withheld (null, with a warning).
   */
  singleProcess?: boolean;
}

/**
 * Lighthouse's default configuration: mobile form factor, simulated throttling (slow 4G, 4× CPU), a phone screen;
 * only the performance category. Nothing is overridden, so the numbers are the ones anyone gets from Lighthouse or
 * PageSpeed Insights' lab section with the same version.
 */
const FLAGS = { output: 'json' as const, logLevel: 'error' as const, onlyCategories: ['performance'] };

type Lhr = NonNullable<Awaited<ReturnType<typeof lighthouse>>>['lhr'];

const metric = (lhr: Lhr, id: string): number | null => {
  const v = lhr.audits[id]?.numericValue;
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
};

/** Lighthouse diagnostics that name what to fix (the list: server, blocking files, images, unused JS, weight). */
const DIAGNOSTIC_AUDITS = [
  'server-response-time',
  'render-blocking-resources',
  'uses-optimized-images',
  'modern-image-formats',
  'uses-responsive-images',
  'unused-javascript',
  'total-byte-weight',
];

type Details = { overallSavingsMs?: number; overallSavingsBytes?: number; items?: { url?: unknown }[] };

/** The diagnostics that did not pass (score under 0.9), with savings and their worst item. */
export const opportunitiesOf = (lhr: Lhr): LabOpportunity[] =>
  DIAGNOSTIC_AUDITS.flatMap((id) => {
    const a = lhr.audits[id];
    if (!a || a.score === null || a.score >= 0.9) return [];
    const d = (a.details ?? {}) as Details;
    const url = d.items?.find((i) => typeof i.url === 'string')?.url;
    const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v) : null);
    return [
      {
        id,
        savingsMs: n(d.overallSavingsMs) || null,
        savingsBytes: n(d.overallSavingsBytes) || null,
        value: n(a.numericValue),
        url: typeof url === 'string' ? url.slice(0, 300) : null,
      },
    ];
  });

const METRIC_AUDITS = [
  'first-contentful-paint',
  'largest-contentful-paint',
  'speed-index',
  'total-blocking-time',
  'cumulative-layout-shift',
];

/** The run's numbers from a Lighthouse result, or null when Lighthouse could not measure the page. */
export const metricsOf = (lhr: Lhr): LabMetrics | null => {
  if (lhr.runtimeError) return null;
  const score = lhr.categories.performance?.score;
  const m: LabMetrics = {
    fcpMs: metric(lhr, 'first-contentful-paint'),
    lcpMs: metric(lhr, 'largest-contentful-paint'),
    speedIndexMs: metric(lhr, 'speed-index'),
    tbtMs: metric(lhr, 'total-blocking-time'),
    cls: metric(lhr, 'cumulative-layout-shift'),
    score: typeof score === 'number' ? Math.round(score * 100) : null,
  };
  return m.fcpMs === null && m.lcpMs === null ? null : m;
};

const settingsOf = (lhr: Lhr): LabSettings => {
  const s = lhr.configSettings;
  const sc = s.screenEmulation;
  return {
    formFactor: s.formFactor,
    throttlingMethod: s.throttlingMethod,
    rttMs: s.throttling?.rttMs ?? null,
    throughputKbps: s.throttling?.throughputKbps ?? null,
    cpuSlowdownMultiplier: s.throttling?.cpuSlowdownMultiplier ?? null,
    screen: sc ? { width: sc.width, height: sc.height, deviceScaleFactor: sc.deviceScaleFactor } : null,
  };
};

/** The settings of the default configuration, for a run that failed before Lighthouse reported any. */
const DEFAULT_SETTINGS: LabSettings = {
  formFactor: 'mobile',
  throttlingMethod: 'simulate',
  rttMs: 150,
  throughputKbps: 1638.4,
  cpuSlowdownMultiplier: 4,
  screen: { width: 412, height: 823, deviceScaleFactor: 1.75 },
};

/** The first refusal or upstream failure the guard recorded for the page's own host and port. */
const guardReason = (events: readonly GuardEvent[], url: string): string | null => {
  const u = new URL(url);
  const hostPort = `${u.hostname}:${u.port || (u.protocol === 'https:' ? '443' : '80')}`;
  return events.find((e) => e.hostPort === hostPort)?.code ?? null;
};

const SINGLE_PROCESS_NOTE =
  'total-blocking-time: withheld, Chromium ran with --single-process (main-thread attribution is wrong)';

/** Lighthouse's version, read from the package it runs. */
let version: string | null = null;

/**
 * A lab runner over one Chromium with a DevTools port, all traffic through its own request-guard proxy (the same
 * policy as the hourly probe's). The browser is launched lazily and relaunched after a failed run.
 */
export function createLabRunner(opts: LabRunnerOptions): LabRunner {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  let state: Promise<{
    chrome: Awaited<ReturnType<typeof launchLabChrome>>;
    proxy: Awaited<ReturnType<typeof startGuardProxy>>;
  }> | null = null;
  const start = () => {
    state ??= (async () => {
      const proxy = await startGuardProxy(opts.guard);
      try {
        const chrome = await launchLabChrome({
          proxyServer: proxy.server,
          ...(opts.executablePath ? { executablePath: opts.executablePath } : {}),
          ...(opts.args ? { args: opts.args } : {}),
          ...(opts.singleProcess ? { singleProcess: true } : {}),
        });
        return { chrome, proxy };
      } catch (e) {
        await proxy.close();
        throw e;
      }
    })();
    return state;
  };
  const stop = async () => {
    const s = await state?.catch(() => null);
    state = null;
    await s?.chrome.close();
    await s?.proxy.close();
  };
  return {
    async run(url, page) {
      const at = new Date().toISOString();
      const started = performance.now();
      const failed = (error: string): LabRun => ({
        page,
        url,
        at,
        tool: 'lighthouse',
        version: version ?? 'unknown',
        benchmarkIndex: null,
        settings: DEFAULT_SETTINGS,
        metrics: null,
        error,
        durationMs: Math.round(performance.now() - started),
      });
      if (!isAllowedScheme(url)) return failed('guard:scheme');
      try {
        const { chrome, proxy } = await start();
        const seen = proxy.events.length;
        const out = await withTimeout(
          lighthouse(url, { ...FLAGS, port: chrome.port, maxWaitForLoad: Math.max(5_000, timeoutMs - 15_000) }),
          timeoutMs,
          'lighthouse',
        );
        const lhr = out?.lhr;
        const singleNote = opts.singleProcess ? [SINGLE_PROCESS_NOTE] : [];
        if (!lhr) return failed('lighthouse: no result');
        version = lhr.lighthouseVersion;
        const measured = metricsOf(lhr);
        const metrics = measured && opts.singleProcess ? { ...measured, tbtMs: null, score: null } : measured;
        const warnings = METRIC_AUDITS.flatMap((id) => {
          const msg = lhr.audits[id]?.errorMessage;
          return msg ? [`${id}: ${msg.slice(0, 160)}`] : [];
        });
        return {
          page,
          url,
          at,
          tool: 'lighthouse',
          version: lhr.lighthouseVersion,
          benchmarkIndex: lhr.environment?.benchmarkIndex ?? null,
          settings: settingsOf(lhr),
          metrics,
          // The guard's own reason when it refused the page (or the upstream failure it saw), else Lighthouse's.
          error: metrics ? null : (guardReason(proxy.events.slice(seen), url) ?? lhr.runtimeError?.code ?? 'NO_METRICS'),
          ...(metrics ? { opportunities: opportunitiesOf(lhr) } : {}),
          ...(warnings.length + singleNote.length ? { warnings: [...singleNote, ...warnings] } : {}),
          durationMs: Math.round(performance.now() - started),
        };
      } catch (e) {
        // A hung or crashed browser is not reused.
        await stop();
        return failed(`lighthouse: ${(e as Error).message.slice(0, 200)}`);
      }
    },
    close: stop,
  };
}
