import {
  type Agency,
  blankPage,
  emptyFacts,
  evaluate,
  type PageArtifacts,
  type ProbeArtifacts,
  parseRegistry,
} from '@dvcwatch/core';
import { describe, expect, it } from 'vitest';

const registry = parseRegistry(
  `version: 1
defaults:
  nationalHosts: [dichvucong.gov.vn]
agencies:
  - id: tinh-a
    name: Tỉnh A
    kind: province
    head: { name: Nguyễn Văn A, email: a@tinh-a.gov.vn }
    portal: { home: "https://dichvucong.tinh-a.gov.vn/", form: "https://dichvucong.tinh-a.gov.vn/nop" }
`,
  'registry.yaml',
);
const agency = registry.agencies[0] as Agency;
const ctx = { at: '2026-12-02T03:00:00.000Z', nationalHosts: registry.nationalHosts, maintenance: false };

/** A page that loaded and painted, as the probe records one. */
const loaded = (url: string, over: Partial<PageArtifacts> = {}): PageArtifacts => ({
  ...blankPage(url),
  finalUrl: url,
  redirects: [url],
  httpStatus: 200,
  title: 'Cổng dịch vụ công',
  ttfbMs: 120,
  fcpMs: 300,
  lcpMs: 400,
  domContentLoadedMs: 250,
  loadMs: 500,
  tbtMs: 0,
  cls: 0,
  durationMs: 900,
  ...over,
});
const probe = (home: PageArtifacts, form: PageArtifacts | null = null): ProbeArtifacts => ({
  profile: 'desktop-unthrottled',
  home,
  form,
  retries: [],
  facts: emptyFacts(),
  durationMs: 1_000,
});
const HOME = agency.portal.home;
const FORM = agency.portal.form as string;

describe('an error page is not the portal speed (issue 19)', () => {
  it('a 503 home keeps its status, title and text, carries no timing, and the cause says what it said', () => {
    // prepare: timings as an old probe recorded them for the maintenance page
    const home = loaded(HOME, { httpStatus: 503, title: '503', firstText: 'Hệ thống đang bảo trì', lcpMs: 3_200 });
    // act
    const r = evaluate(agency, probe(home), ctx);
    // assess
    expect(r.status).toBe('down');
    expect(r.pages.home).toMatchObject({ httpStatus: 503, title: '503', firstText: 'Hệ thống đang bảo trì' });
    for (const k of ['ttfbMs', 'fcpMs', 'lcpMs', 'domContentLoadedMs', 'loadMs', 'tbtMs', 'cls'] as const)
      expect(r.pages.home?.[k], k).toBeNull();
    expect(r.causes?.[0]?.text).toBe('HTTP 503: Hệ thống đang bảo trì');
  });

  it('a firewall page carries no timing either, on the home page, the form page and earlier attempts', () => {
    const wall = { challenge: true, title: 'Just a moment...', firstText: 'Checking your browser' };
    const r = evaluate(
      agency,
      {
        ...probe(loaded(HOME, wall), loaded(FORM, { ...wall, readyMs: 900, readyKind: 'form' })),
        retries: [{ page: 'home', attempt: loaded(HOME, wall) }],
      },
      ctx,
    );
    expect(r.status).toBe('blocked');
    expect(r.pages.home?.lcpMs).toBeNull();
    expect(r.pages.form?.fcpMs).toBeNull();
    expect(r.pages.form?.readyMs).toBeNull();
    expect(r.retries?.[0]?.lcpMs).toBeNull();
    expect(r.causes?.[0]?.text).toBe('Trang tường lửa/captcha: Checking your browser');
  });

  it('a form page answering 503 behind a healthy home has no readiness; the home keeps its timings', () => {
    const r = evaluate(
      agency,
      probe(loaded(HOME), loaded(FORM, { httpStatus: 503, title: 'Service Unavailable', readyMs: 40, readyKind: 'form' })),
      ctx,
    );
    expect(r.pages.home?.lcpMs).toBe(400);
    expect(r.pages.form?.readyMs).toBeNull();
    expect(r.pages.form?.lcpMs).toBeNull();
    expect(r.breaches).toContain('form.available');
    expect(r.causes?.map((c) => c.text)).toContain('Trang biểu mẫu: HTTP 503: Service Unavailable');
  });
});

describe('up means painted (issue 19)', () => {
  it('a 200 home that painted nothing is degraded (no-paint), its FCP and LCP earn no points', () => {
    // prepare
    const painted = evaluate(agency, probe(loaded(HOME)), ctx);
    // act
    const r = evaluate(agency, probe(loaded(HOME, { fcpMs: null, lcpMs: null })), ctx);
    // assess
    expect(painted.status).toBe('up');
    expect(r.status).toBe('degraded');
    expect(r.reason).toBe('no-paint');
    expect(r.breaches).toContain('home.painted');
    const perf = (x: typeof r) => x.groups.find((g) => g.group === 'performance');
    expect(perf(r)?.earned).toBe((perf(painted)?.earned ?? 0) - 10);
  });

  it('an FCP without an LCP is not a measurement either', () => {
    expect(evaluate(agency, probe(loaded(HOME, { lcpMs: null })), ctx)).toMatchObject({ status: 'degraded', reason: 'no-paint' });
  });
});
