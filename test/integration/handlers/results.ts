import { CHECKS, type PageResult, type Result } from '@dvcwatch/core';

const page = (url: string, lcpMs: number, readyMs: number | null): PageResult => ({
  url,
  finalUrl: url,
  httpStatus: 200,
  redirects: [url],
  ttfbMs: Math.round(lcpMs * 0.2),
  fcpMs: Math.round(lcpMs * 0.6),
  lcpMs,
  domContentLoadedMs: Math.round(lcpMs * 0.8),
  loadMs: Math.round(lcpMs * 1.2),
  tbtMs: 50,
  cls: 0.01,
  readyMs,
  readyKind: readyMs === null ? null : 'form',
  error: null,
  title: 'Cổng dịch vụ công',
  challenge: false,
  screenshot: null,
  durationMs: lcpMs + 300,
  attempts: 1,
});

/** A synthetic `up` result (for seeding aggregates): every check passes except `failing`. */
export function upResult(agencyId: string, at: string, lcpMs: number, score: number, failing: string[] = []): Result {
  const home = `http://127.0.0.1:9/${agencyId}/`;
  return {
    agencyId,
    at,
    status: 'up',
    reason: null,
    pages: { home: page(home, lcpMs, null), form: page(`${home}form`, lcpMs, Math.round(lcpMs * 1.5)) },
    breaches: [],
    breachDetails: [],
    checks: CHECKS.map((c) => ({ id: c.id, status: failing.includes(c.id) ? 'fail' : 'pass', evidence: 'tổng hợp' })),
    groups: [],
    score,
    grade: score >= 90 ? 'A' : score >= 80 ? 'B' : score >= 65 ? 'C' : score >= 50 ? 'D' : 'E',
    profile: 'desktop-1366x768-unthrottled',
    maintenance: false,
    probeMs: 2_000,
  };
}
