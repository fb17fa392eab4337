import { blankPage, type PageArtifacts, type ProbeArtifacts } from './artifacts.js';
import { nameCauses } from './causes.js';
import { judgeChecks, scoreChecks, UNPAINTED_BREACH } from './checks/index.js';
import { classifyPage } from './classify.js';
import { untimedIfError } from './error-page.js';
import type { Agency } from './registry.js';
import type { Breach, PageResult, Result } from './result.js';
import type { Thresholds } from './thresholds.js';

/** What the evaluator needs beside the artifacts: the round's time and registry-wide facts. */
export interface EvaluateContext {
  at: string;
  nationalHosts: readonly string[];
  maintenance: boolean;
}

const over = (metric: string, value: number | null | undefined, limit: number): Breach | null =>
  value != null && value > limit ? { metric, value: Math.round(value), limit } : null;

/** Timing thresholds a loaded page went over. A page that failed to load breaches `<kind>.available`. */
export function pageBreaches(
  kind: 'home' | 'form',
  page: PageArtifacts,
  t: Thresholds,
  nationalHosts: readonly string[],
): Breach[] {
  const failure = classifyPage(page, nationalHosts);
  if (failure) return failure.status === 'down' ? [{ metric: `${kind}.available`, value: 0, limit: 1 }] : [];
  const list =
    kind === 'home'
      ? [
          over('home.lcpMs', page.lcpMs, t.homeLcpMs),
          over('home.fcpMs', page.fcpMs, t.homeFcpMs),
          over('home.ttfbMs', page.ttfbMs, t.homeTtfbMs),
        ]
      : [over('form.readyMs', page.readyMs, t.formReadyMs)];
  return list.filter((b): b is Breach => b !== null);
}

/** A page as stored: without its headers, and without timings when it is an error page (error-page.ts). */
const toPageResult = (page: PageArtifacts, attempts: number): PageResult => {
  const { headers: _headers, ...rest } = untimedIfError(page);
  return { ...rest, attempts };
};

/**
 * Judges one agency's artifacts against its thresholds and the check catalogue: status, breaches, checks,
 * group scores, score and grade. Pure.
 */
export function evaluate(agency: Agency, a: ProbeArtifacts, ctx: EvaluateContext): Result {
  const attempts = (page: 'home' | 'form') => 1 + a.retries.filter((r) => r.page === page).length;
  const home = toPageResult(a.home, attempts('home'));
  const form = a.form ? toPageResult(a.form, attempts('form')) : null;
  const base = {
    agencyId: agency.id,
    at: ctx.at,
    pages: { home, form },
    retries: a.retries.map((r) => ({ page: r.page, ...toPageResult(r.attempt, 1) })),
    profile: a.profile,
    maintenance: ctx.maintenance,
    probeMs: Math.round(a.durationMs),
    causes: nameCauses({ at: ctx.at, home: a.home, form: a.form, tls: a.facts.tls }),
  };
  const failure = classifyPage(a.home, ctx.nationalHosts);
  if (failure) {
    const breachDetails = failure.status === 'down' ? pageBreaches('home', a.home, agency.thresholds, ctx.nationalHosts) : [];
    return {
      ...base,
      status: failure.status,
      reason: failure.reason,
      breaches: breachDetails.map((b) => b.metric),
      breachDetails,
      checks: [],
      groups: [],
      score: null,
      grade: null,
      ...(failure.status === 'error' ? { monitorError: a.home.error?.message ?? 'probe failed' } : {}),
    };
  }
  // A 200 that painted nothing within the page's limit was not measured fast: it was not seen at all.
  const unpainted = a.home.fcpMs === null || a.home.lcpMs === null;
  const timing = [
    ...(unpainted ? [{ metric: UNPAINTED_BREACH, value: 0, limit: 1 }] : []),
    ...pageBreaches('home', a.home, agency.thresholds, ctx.nationalHosts),
    ...(a.form ? pageBreaches('form', a.form, agency.thresholds, ctx.nationalHosts) : []),
  ];
  const skipped = Object.entries(agency.checks ?? {})
    .filter(([, o]) => o.skip)
    .map(([id]) => id);
  const checks = judgeChecks(a.facts, { home: a.home, skipped });
  const scored = scoreChecks(checks, {
    breaches: timing.map((b) => b.metric),
    homeLoaded: true,
    formLoaded: a.form ? !a.form.error : null,
  });
  const min = agency.thresholds.minScore;
  const breachDetails =
    scored.score !== null && scored.score < min ? [...timing, { metric: 'score', value: scored.score, limit: min }] : timing;
  return {
    ...base,
    status: breachDetails.length > 0 ? 'degraded' : 'up',
    reason: unpainted ? 'no-paint' : null,
    breaches: breachDetails.map((b) => b.metric),
    breachDetails,
    checks,
    checksAt: a.factsAt ?? null,
    groups: scored.groups,
    score: scored.score,
    grade: scored.grade,
  };
}

/** The result of an agency whose probe could not run at all: the monitor's failure, never the agency's. */
export function monitorFailure(agencyId: string, ctx: EvaluateContext, message: string, home: string | null = null): Result {
  return {
    agencyId,
    at: ctx.at,
    status: 'error',
    reason: 'probe',
    pages: {
      home: home ? toPageResult({ ...blankPage(home), error: { code: 'probe', message } }, 0) : null,
      form: null,
    },
    breaches: [],
    breachDetails: [],
    checks: [],
    groups: [],
    score: null,
    grade: null,
    profile: 'none',
    maintenance: ctx.maintenance,
    probeMs: 0,
    monitorError: message,
  };
}
