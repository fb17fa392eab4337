import { syntheticPage as page } from '@dvcwatch/cli';
import { CHECKS, gradeOf, type Result } from '@dvcwatch/core';

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
    grade: gradeOf(score),
    profile: 'desktop-1366x768-unthrottled',
    maintenance: false,
    probeMs: 2_000,
  };
}
