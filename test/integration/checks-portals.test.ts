import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoPortals, startDemoPortals } from '../../packages/cli/src/demo/index.js';
import { CHECK_IDS, type CheckId, type CheckResult, judgeChecks } from '../../packages/core/src/index.js';
import { gatherFacts } from '../../packages/probe/src/facts/index.js';
import type { Prober } from '../../packages/probe/src/index.js';
import { localProber } from '../fixtures/portals/prober.js';
import { VARIANTS } from '../fixtures/portals/variants.js';

type Variant = keyof typeof VARIANTS;
const TRANSPORT: readonly CheckId[] = ['https', 'tls-valid', 'no-mixed-content'];

let demo: DemoPortals;
let prober: Prober;
const results = new Map<Variant, CheckResult[]>();

beforeAll(async () => {
  // prepare: every fixture portal on its own ephemeral port, the real guarded prober allowed only those
  demo = await startDemoPortals({ basePort: 0, portals: Object.values(VARIANTS) });
  prober = localProber(demo.portals.map((p) => new URL(p.home).origin));
  // act: gather and judge each portal once
  for (const portal of demo.portals) {
    const facts = await gatherFacts(prober.session, { homeUrl: portal.home, formUrl: portal.form, accessibility: true });
    const home = await prober.probePage(portal.home, 'home');
    results.set(portal.id as Variant, judgeChecks(facts, { home }));
  }
}, 200_000);

afterAll(async () => {
  await prober?.close();
  await demo?.close();
});

const check = (variant: Variant, id: string): CheckResult => {
  const r = results.get(variant)?.find((c) => c.id === id);
  if (!r) throw new Error(`no result for ${variant}/${id}`);
  return r;
};

const expectStatus = (variant: Variant, id: string, status: CheckResult['status'], evidence?: RegExp) => {
  const r = check(variant, id);
  expect(r.status, `${variant}/${id}: ${r.evidence}`).toBe(status);
  if (evidence) expect(r.evidence).toMatch(evidence);
};

describe('check catalogue on fixture portals (real Chromium)', () => {
  it('passes every function on the good portal, with matched text and URL as evidence', () => {
    // Every check but the transport ones (plain http here; see checks-https.test.ts).
    for (const id of CHECK_IDS.filter((c) => !TRANSPORT.includes(c))) expectStatus('tot', id, 'pass');
    expectStatus('tot', 'online-payment', 'pass', /"Thanh toán trực tuyến" \(http:\/\/127\.0\.0\.1:\d+\/thanh-toan\)/);
    expectStatus('tot', 'font-size-controls', 'pass', /16px → 18px/);
  });

  it('fails every missing function, saying what was looked for', () => {
    // Every check but the transport ones, `mobile` and `accessibility` (that portal lacks functions, not markup).
    for (const id of CHECK_IDS.filter((c) => !TRANSPORT.includes(c) && c !== 'mobile' && c !== 'accessibility'))
      expectStatus('thieu', id, 'fail');
    expectStatus('thieu', 'search', 'fail', /ô tìm kiếm/);
    expectStatus('thieu', 'dossier-lookup', 'fail', /Tra cứu hồ sơ/);
    expectStatus('thieu', 'procedure-info', 'fail', /thiếu: Trình tự thực hiện/);
  });

  it('sees an SPA home page rendered 300 ms after load', () => {
    for (const id of ['online-payment', 'feedback', 'satisfaction', 'index-766', 'three-clicks']) expectStatus('spa', id, 'pass');
  });

  it('matches labels written without diacritics', () => {
    for (const id of [
      'search',
      'login-vneid',
      'dossier-lookup',
      'online-payment',
      'feedback',
      'satisfaction',
      'help',
      'index-766',
      'privacy-policy',
      'procedure-info',
      'font-size-controls',
      'contrast-toggle',
    ])
      expectStatus('khong-dau', id, 'pass');
    expectStatus('khong-dau', 'dossier-lookup', 'pass', /Ma ho so|Mã hồ sơ/);
  });

  it('fails font-size and contrast controls that do nothing', () => {
    expectStatus('nut-hong', 'font-size-controls', 'fail', /không đổi \(16px → 16px\)/);
    expectStatus('nut-hong', 'contrast-toggle', 'fail', /màu không đổi/);
  });

  it('fails a search that finds nothing', () => {
    expectStatus('tim-rong', 'search', 'fail', /không cho kết quả/);
    // the procedure page cannot come from the search, so it comes from the form page, which lacks the information
    expectStatus('tim-rong', 'procedure-info', 'fail');
  });

  it('fails inaccessible markup, a wide layout without viewport meta, and a login without VNeID', () => {
    expectStatus('kem', 'accessibility', 'fail', /critical [1-9]/);
    expect(check('kem', 'accessibility').evidence).toMatch(/image-alt/);
    expectStatus('kem', 'mobile', 'fail', /viewport.*1200px|meta viewport/);
    expectStatus('kem', 'login-vneid', 'fail', /không có tài khoản VNeID/);
  });

  it('fails https and tls-valid on plain-http portals, and leaves mixed content unknown', () => {
    expectStatus('tot', 'https', 'fail', /HTTP không mã hoá/);
    expectStatus('tot', 'tls-valid', 'fail');
    expectStatus('tot', 'no-mixed-content', 'unknown');
  });
});
