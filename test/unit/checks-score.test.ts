import { describe, expect, it } from 'vitest';
import { CHECKS, GROUP_WEIGHTS, gradeOf, scoreChecks, scorePerformance } from '../../packages/core/src/checks/index.js';
import type { CheckResult, CheckStatus } from '../../packages/core/src/result.js';

const all = (status: CheckStatus): CheckResult[] => CHECKS.map((c) => ({ id: c.id, status, evidence: '' }));
const fullPerf = { breaches: [], homeLoaded: true, formLoaded: true };

describe('catalogue weights', () => {
  it('spreads every measurable group exactly over its checks', () => {
    for (const group of ['functions', 'layout', 'security', 'access'] as const) {
      const sum = CHECKS.filter((c) => c.group === group).reduce((a, c) => a + c.weight, 0);
      expect(sum, group).toBe(GROUP_WEIGHTS[group]);
    }
    expect(Object.values(GROUP_WEIGHTS).reduce((a, b) => a + b, 0)).toBe(100);
  });

  it('has the 21 stable ids, each with a Vietnamese title and a source', () => {
    expect(CHECKS.map((c) => c.id).sort()).toEqual(
      [
        'https',
        'tls-valid',
        'search',
        'procedure-info',
        'login-vneid',
        'dossier-lookup',
        'online-payment',
        'feedback',
        'satisfaction',
        'help',
        'index-766',
        'three-clicks',
        'font-size-controls',
        'contrast-toggle',
        'mobile',
        'english',
        'contact',
        'privacy-policy',
        'accessibility',
        'security-headers',
        'no-mixed-content',
      ].sort(),
    );
    for (const c of CHECKS) expect(c.title.length > 0 && c.legalBasis.length > 0, c.id).toBe(true);
  });
});

describe('scoreChecks', () => {
  it('gives 100 and A when everything measured passes (EMC not measured)', () => {
    const s = scoreChecks(all('pass'), fullPerf);
    expect(s.score).toBe(100);
    expect(s.grade).toBe('A');
    expect(s.groups.find((g) => g.group === 'emc')).toEqual({ group: 'emc', earned: 0, measured: 0, weight: 5 });
  });

  it('gives 0 and E when everything fails', () => {
    const s = scoreChecks(all('fail'), {
      breaches: ['home.lcpMs', 'home.fcpMs', 'home.ttfbMs', 'form.readyMs'],
      homeLoaded: true,
      formLoaded: true,
    });
    expect(s.score).toBe(0);
    expect(s.grade).toBe('E');
  });

  it('excludes unknown checks from both earned and possible points', () => {
    // prepare: all functions unknown, everything else passes
    const checks = all('pass').map((c) =>
      CHECKS.find((k) => k.id === c.id)?.group === 'functions' ? { ...c, status: 'unknown' as const } : c,
    );
    // act
    const s = scoreChecks(checks, fullPerf);
    // assess
    expect(s.score).toBe(100);
    expect(s.groups.find((g) => g.group === 'functions')).toMatchObject({ earned: 0, measured: 0, weight: 50 });
  });

  it('rescales over what was measured', () => {
    // prepare: only security measured: https passes (4), tls-valid fails (4), the rest unknown; no performance
    const checks = all('unknown').map((c) =>
      c.id === 'https' ? { ...c, status: 'pass' as const } : c.id === 'tls-valid' ? { ...c, status: 'fail' as const } : c,
    );
    // act
    const s = scoreChecks(checks, null);
    // assess
    expect(s.score).toBe(50);
    expect(s.grade).toBe('D');
  });

  it('returns no score when nothing was measured', () => {
    expect(scoreChecks(all('unknown'), null)).toMatchObject({ score: null, grade: null });
  });
});

describe('scorePerformance', () => {
  it('takes points off for breached metrics', () => {
    expect(scorePerformance({ breaches: ['home.lcpMs'], homeLoaded: true, formLoaded: true })).toEqual({
      group: 'performance',
      earned: 14,
      measured: 20,
      weight: 20,
    });
  });

  it('does not measure pages that did not load or do not exist', () => {
    expect(scorePerformance({ breaches: [], homeLoaded: true, formLoaded: null })).toMatchObject({ earned: 13, measured: 13 });
    expect(scorePerformance({ breaches: [], homeLoaded: false, formLoaded: false })).toMatchObject({ earned: 0, measured: 0 });
  });
});

describe('gradeOf', () => {
  it('follows QĐ 473 bands', () => {
    expect([95, 90, 89.9, 80, 79, 65, 64, 50, 49.9, 0].map(gradeOf)).toEqual(['A', 'A', 'B', 'B', 'C', 'C', 'D', 'D', 'E', 'E']);
  });
});
