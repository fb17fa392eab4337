/**
 * Every check on every vendor style (Liferay/OpenCPS, ASP.NET WebForms, VNPT iGate, national-portal JSP,
 * SharePoint, plain upper-case), each in a passing and a failing variant served over https (and http:// on the
 * same port), in real Chromium. Facts are gathered once per portal variant (12 gatherings) and the whole catalogue
 * is judged from that one gathering. What each check's evidence must show per style is in its own folder
 * (packages/core/src/checks/<id>/fixtures.ts). The SPA and the post-back styles are gathered once more with
 * Lambda's Chromium arguments, which must not change a verdict.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckFixtures } from '../../packages/core/src/checks/fixtures.js';
import { CHECK_IDS, type CheckId, type CheckResult, judgeChecks } from '../../packages/core/src/index.js';
import { gatherFacts } from '../../packages/probe/src/facts/index.js';
import type { Prober } from '../../packages/probe/src/index.js';
import { loadCheckFixtures } from '../fixtures/check-fixtures.js';
import { makeTestCerts, type TestCerts } from '../fixtures/portals/certs.js';
import { localProber } from '../fixtures/portals/prober.js';
import { type StylePortal, startStylePortals } from '../fixtures/styles/server.js';
import { STYLES, type StyleId } from '../fixtures/styles/styles.js';

let certs: TestCerts | undefined;
let portals: Awaited<ReturnType<typeof startStylePortals>> | undefined;
let prober: Prober | undefined;
let lambdaProber: Prober | undefined;
/** Styles also gathered with Lambda's Chromium (single process, one browser per page): the SPA and the post-backs. */
const ON_LAMBDA: readonly StyleId[] = ['igate', 'aspnet'];
let fixtures: Map<CheckId, CheckFixtures>;
const verdicts = new Map<string, CheckResult[]>();

beforeAll(async () => {
  // prepare: a passing and a failing portal per style, and the SSO host, all allowed to the guarded prober
  fixtures = await loadCheckFixtures();
  certs = makeTestCerts();
  portals = await startStylePortals(certs);
  const origins = [portals.sso, ...portals.portals.map((p) => p.origin)];
  // The browser accepts the test certificates; the TLS gatherer's own connection trusts only the test CA.
  prober = localProber(origins, true);
  // act: gather each portal variant once, judge the whole catalogue from it
  const gather = async (by: Prober, p: StylePortal) => {
    const facts = await gatherFacts(by.session, {
      homeUrl: p.home,
      formUrl: p.form,
      accessibility: true,
      tlsCa: certs!.ca,
      guard: { local: true, allowedOrigins: origins },
    });
    return judgeChecks(facts, { home: await by.probePage(p.home, 'home') });
  };
  for (const p of portals.portals) verdicts.set(`${p.style}/${p.variant}`, await gather(prober, p));
  lambdaProber = localProber(origins, true, 'lambda');
  for (const p of portals.portals.filter((q) => q.variant === 'pass' && ON_LAMBDA.includes(q.style)))
    verdicts.set(`${p.style}/${p.variant}/lambda`, await gather(lambdaProber, p));
}, 420_000);

afterAll(async () => {
  await prober?.close();
  await lambdaProber?.close();
  await portals?.close();
  certs?.cleanup();
});

describe('every check on every vendor style (real Chromium)', () => {
  for (const style of Object.keys(STYLES) as StyleId[])
    for (const variant of ['pass', 'fail'] as const)
      it(`${STYLES[style].name}, ${variant} variant: every check ${variant === 'pass' ? 'passes' : 'fails'}`, () => {
        const got = verdicts.get(`${style}/${variant}`);
        if (!got) throw new Error(`no verdicts for ${style}/${variant}`);
        const wrong = CHECK_IDS.map((id) => got.find((c) => c.id === id)!)
          .filter((c) => c.status !== variant)
          .map((c) => `${c.id}: ${c.status} (${c.evidence})`);
        expect(wrong).toEqual([]);
      });

  it("meets each style where it differs, as each check's folder expects (post-backs, SPA routes, SSO host, entities, toll-free numbers, flags, certificates)", () => {
    let asserted = 0;
    const wrong: string[] = [];
    for (const [id, f] of fixtures)
      for (const [style, pattern] of Object.entries(f.styles)) {
        expect(STYLES, `checks/${id}/fixtures.ts names an unknown style "${style}"`).toHaveProperty(style);
        const r = verdicts.get(`${style}/pass`)?.find((c) => c.id === id);
        if (!(pattern as RegExp).test(r?.evidence ?? '')) wrong.push(`checks/${id}/fixtures.ts, ${style}: ${r?.evidence}`);
        asserted++;
      }
    expect(wrong).toEqual([]);
    // Every connection check (https, tls-valid, no-mixed-content, security-headers) names all six styles.
    expect(asserted).toBeGreaterThanOrEqual(4 * 6);
  });

  it("gives the same verdicts with Lambda's Chromium arguments (--single-process, one browser per page)", () => {
    for (const style of ON_LAMBDA) {
      const shared = verdicts.get(`${style}/pass`)?.map((c) => `${c.id}: ${c.status}`);
      const lambda = verdicts.get(`${style}/pass/lambda`)?.map((c) => `${c.id}: ${c.status}`);
      // On a difference, the evidence of each differing verdict says why (a step that did not finish names itself).
      const differing = verdicts
        .get(`${style}/pass/lambda`)
        ?.filter((c, i) => `${c.id}: ${c.status}` !== shared?.[i])
        .map((c) => `${c.id}: ${c.status} (${c.evidence})`);
      expect(lambda, `${style}: ${differing?.join('; ')}`).toEqual(shared);
      expect(
        lambda?.every((c) => c.endsWith(': pass')),
        style,
      ).toBe(true);
    }
  });

  it('fails the connection checks of each failing portal for what is wrong with it', () => {
    const evidence = (style: StyleId, id: CheckId) => verdicts.get(`${style}/fail`)?.find((c) => c.id === id)?.evidence ?? '';
    for (const style of Object.keys(STYLES) as StyleId[]) {
      expect(evidence(style, 'https'), style).toMatch(/vẫn phục vụ HTTP/);
      expect(evidence(style, 'no-mixed-content'), style).toMatch(/tải 1 tài nguyên qua http:\/\/: http:\/\/127\.0\.0\.1:\d+\//);
      expect(evidence(style, 'tls-valid'), style).toMatch(
        style === 'liferay' || style === 'sharepoint' ? /sắp hết hạn: còn (9|10) ngày/ : /Chứng chỉ không hợp lệ: .*SELF_SIGNED/,
      );
    }
  });
});
