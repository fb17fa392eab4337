/**
 * Every check on every vendor style (Liferay/OpenCPS, ASP.NET WebForms, VNPT iGate, national-portal JSP,
 * SharePoint, plain upper-case), each in a passing and a failing variant, in real Chromium. Facts are gathered
 * once per portal variant (12 gatherings) and every check is judged from that one gathering.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECK_IDS, type CheckResult, judgeChecks } from '../../packages/core/src/index.js';
import { gatherFacts } from '../../packages/probe/src/facts/index.js';
import type { Prober } from '../../packages/probe/src/index.js';
import { localProber } from '../fixtures/portals/prober.js';
import { applies, EVIDENCE, NOT_APPLICABLE } from '../fixtures/styles/expectations.js';
import { startStylePortals } from '../fixtures/styles/server.js';
import { STYLES, type StyleId } from '../fixtures/styles/styles.js';

let portals: Awaited<ReturnType<typeof startStylePortals>> | undefined;
let prober: Prober | undefined;
const verdicts = new Map<string, CheckResult[]>();

beforeAll(async () => {
  // prepare: a passing and a failing portal per style, and the SSO host, all allowed to the guarded prober
  portals = await startStylePortals();
  prober = localProber([portals.sso, ...portals.portals.map((p) => p.origin)]);
  // act: gather each portal variant once, judge the whole catalogue from it
  for (const p of portals.portals) {
    const facts = await gatherFacts(prober.session, { homeUrl: p.home, formUrl: p.form, accessibility: true });
    const home = await prober.probePage(p.home, 'home');
    verdicts.set(`${p.style}/${p.variant}`, judgeChecks(facts, { home }));
  }
}, 420_000);

afterAll(async () => {
  await prober?.close();
  await portals?.close();
});

describe('every check on every vendor style (real Chromium)', () => {
  it('states a reason for every check marked not applicable', () => {
    for (const [id, na] of Object.entries(NOT_APPLICABLE)) {
      expect(CHECK_IDS).toContain(id);
      expect(na.reason.length).toBeGreaterThan(20);
    }
  });

  for (const style of Object.keys(STYLES) as StyleId[])
    for (const variant of ['pass', 'fail'] as const)
      it(`${STYLES[style].name}, ${variant} variant: every applicable check ${variant === 'pass' ? 'passes' : 'fails'}`, () => {
        const got = verdicts.get(`${style}/${variant}`);
        if (!got) throw new Error(`no verdicts for ${style}/${variant}`);
        const wrong = CHECK_IDS.filter((id) => applies(id, style))
          .map((id) => got.find((c) => c.id === id)!)
          .filter((c) => c.status !== variant)
          .map((c) => `${c.id}: ${c.status} (${c.evidence})`);
        expect(wrong).toEqual([]);
      });

  it('meets each style where it differs (post-backs, SPA routes, SSO host, entities, toll-free numbers, flags)', () => {
    for (const { style, id, pattern } of EVIDENCE) {
      const r = verdicts.get(`${style}/pass`)?.find((c) => c.id === id);
      expect(r?.evidence, `${style}/${id}`).toMatch(pattern);
    }
  });
});
