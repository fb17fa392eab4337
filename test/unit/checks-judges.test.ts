import { beforeAll, describe, expect, it } from 'vitest';
import { emptyFacts } from '../../packages/core/src/artifacts.js';
import type { CheckFixtures } from '../../packages/core/src/checks/fixtures.js';
import { fixtureContext } from '../../packages/core/src/checks/fixtures.js';
import { CHECK_IDS, CHECKS, type CheckId, judgeChecks } from '../../packages/core/src/checks/index.js';
import { loadCheckFixtures } from '../fixtures/check-fixtures.js';

let fixtures: Map<CheckId, CheckFixtures>;
beforeAll(async () => {
  fixtures = await loadCheckFixtures();
});

describe("every judge, from its folder's fixtures (checks/<id>/fixtures.ts)", () => {
  for (const id of CHECK_IDS)
    it(`${id}: pass with evidence, fail saying what was looked for, unknown without facts`, () => {
      // prepare
      const check = CHECKS.find((c) => c.id === id)!;
      const { judge: f } = fixtures.get(id)!;
      // act
      const p = check.judge({ ...emptyFacts(), ...f.pass }, f.passContext ?? fixtureContext());
      const n = check.judge({ ...emptyFacts(), ...f.fail }, f.failContext ?? fixtureContext());
      const u = check.judge(emptyFacts(), f.unknownContext ?? fixtureContext());
      // assess
      expect(p.status, p.evidence).toBe('pass');
      expect(p.evidence.length).toBeGreaterThan(5);
      expect(n.status, n.evidence).toBe('fail');
      expect(n.evidence.length).toBeGreaterThan(5);
      expect(u.status, u.evidence).toBe('unknown');
    });
});

describe('the catalogue', () => {
  it('judgeChecks gives unknown for skipped checks and for a home page that did not load', () => {
    const results = judgeChecks(emptyFacts(), { home: null, skipped: ['search'] });
    expect(results).toHaveLength(CHECKS.length);
    expect(results.every((r) => r.status === 'unknown')).toBe(true);
    expect(results.find((r) => r.id === 'search')?.evidence).toContain('Bỏ qua');
  });
});

describe('a gathering step that did not finish (issue 19)', () => {
  it('makes every check needing its fact unknown with the reason, even when a judge would fail what was read', () => {
    // prepare: the search did not finish; a procedure text is there (as a fallback once read it) and lacks every item
    const facts = {
      ...emptyFacts(),
      procedureText: 'Tờ khai',
      fontSize: null,
      gaps: { search: 'bước "search" không hoàn tất (timeout)', fontSize: 'hết thời gian dành cho bộ tiêu chí' },
    };
    // act
    const results = judgeChecks(facts, { home: null });
    const by = (id: CheckId) => results.find((r) => r.id === id);
    // assess
    for (const id of ['search', 'procedure-info'] as const)
      expect(by(id)).toMatchObject({
        status: 'unknown',
        evidence: 'Không thu thập được dữ liệu: bước "search" không hoàn tất (timeout)',
      });
    expect(by('font-size-controls')?.evidence).toContain('hết thời gian');
    // a fact that was gathered is judged as usual despite a stale gap for it
    expect(
      judgeChecks({ ...facts, procedureText: 'Tờ khai', gaps: { procedureText: 'x' } }, { home: null }).find(
        (r) => r.id === 'procedure-info',
      )?.status,
    ).toBe('fail');
  });
});

describe('a home page that failed', () => {
  it('leaves the security checks unknown', () => {
    // prepare: the home page answered with an error the probe recorded
    const failed = fixtureContext({ error: { code: 'http-503', message: 'HTTP 503' }, headers: { server: 'nginx' } });
    // act
    const results = judgeChecks(emptyFacts(), failed).filter((r) =>
      ['https', 'tls-valid', 'security-headers', 'no-mixed-content'].includes(r.id),
    );
    // assess
    expect(results.map((r) => r.status)).toEqual(['unknown', 'unknown', 'unknown', 'unknown']);
  });
});
