import { deriveHour, hourContext, loadAt, SCRIPT, syntheticSiteInput } from '@dvcwatch/cli';
import { type Agency, blankPage, emptyFacts, evaluate, type ProbeArtifacts, parseRegistry, type Registry } from '@dvcwatch/core';
import { buildSite } from '@dvcwatch/site';
import { describe, expect, it } from 'vitest';
import { DEMO_PORTALS, demoRegistryYaml } from '../../packages/cli/src/demo/index.js';

// The last replayed hour: 06:00 on Sunday 22 November 2026 in Vietnam (UTC+7).
const LAST = '2026-11-21T23:00:00.000Z';
/** An hour `daysAgo` Vietnamese days before LAST's day, at `vnHour` Vietnam time. */
const hourAt = (daysAgo: number, vnHour: number): string =>
  new Date(Date.parse('2026-11-22T00:00:00.000Z') - 7 * 3_600_000 - daysAgo * 86_400_000 + vnHour * 3_600_000).toISOString();

const registry: Registry = parseRegistry(
  demoRegistryYaml(
    DEMO_PORTALS.map((p, i) => ({
      id: p.id,
      name: p.name,
      kind: p.kind,
      home: `http://127.0.0.1:${5000 + i}/`,
      form: `http://127.0.0.1:${5000 + i}/nop-ho-so/1.001193`,
    })),
    'http://127.0.0.1:5000',
  ),
  'demo.yaml',
);
const agency = (id: string): Agency => registry.agencies.find((a) => a.id === id)!;

/** A recording as probeAgency returns it (hand-made: unit tests run no browser). */
const recording = (id: string, o: { ttfb?: number; ready?: number; status?: number } = {}): ProbeArtifacts => {
  const a = agency(id);
  const ttfb = o.ttfb ?? 40;
  const page = (url: string) => ({
    ...blankPage(url),
    finalUrl: url,
    httpStatus: o.status ?? 200,
    redirects: [url],
    ttfbMs: ttfb,
    fcpMs: ttfb + 100,
    lcpMs: ttfb + 150,
    domContentLoadedMs: ttfb + 60,
    loadMs: ttfb + 120,
    tbtMs: 0,
    cls: 0,
    title: 'Cổng dịch vụ công',
    headers: { 'x-content-type-options': 'nosniff', 'x-frame-options': 'SAMEORIGIN', server: 'nginx' },
    durationMs: ttfb + 400,
  });
  const facts = {
    ...emptyFacts(),
    homeText: 'Dịch vụ công trực tuyến. Tra cứu hồ sơ. Thanh toán trực tuyến.',
    homeLinks: [{ text: 'Tra cứu hồ sơ', href: `${a.portal.home}tra-cuu`, ariaLabel: null, title: null }],
    fontSize: { control: 'A+', beforePx: 16, afterPx: 16 },
  };
  return {
    profile: 'desktop-1366x768-unthrottled',
    home: { ...page(a.portal.home), screenshot: 'evidence/x.jpg' },
    form: { ...page(a.portal.form!), readyMs: o.ready ?? ttfb + 80, readyKind: 'form' },
    retries: [],
    facts,
    factsAt: '2026-11-22T01:00:00.000Z',
    durationMs: 9_000,
  };
};

const derive = (id: string, at: string, rec = recording(id), seed = 1) =>
  deriveHour({ agency: agency(id), registry, recording: rec, at, last: LAST, seed });

describe('replay scenario: hour context and load', () => {
  it('counts Vietnamese calendar days back from the last replayed hour, in Vietnam time', () => {
    const h = hourContext(hourAt(61, 2), LAST);
    expect(h).toMatchObject({ vnHour: 2, daysAgo: 61 });
    expect(hourContext(LAST, LAST)).toMatchObject({ vnHour: 6, vnWeekday: 0, daysAgo: 0 });
  });

  it('is busiest in weekday office hours and quiet at night and at weekends', () => {
    expect(loadAt(9, 2)).toBeGreaterThan(loadAt(3, 2) * 10);
    expect(loadAt(9, 6)).toBeLessThan(loadAt(9, 2) / 2);
  });
});

describe('replay scenario: deriving an hour from the recording', () => {
  it('is deterministic: the same recording, hour and seed give the same artifacts; another seed differs', () => {
    const at = hourAt(10, 9);
    expect(derive('tot', at)).toEqual(derive('tot', at));
    expect(derive('tot', at, recording('tot'), 2).artifacts.home.ttfbMs).not.toBe(derive('tot', at).artifacts.home.ttfbMs);
  });

  it('moves the recorded timings and keeps everything else the recording saw', () => {
    const at = hourAt(10, 9);
    const slow = derive('tot', at, recording('tot', { ttfb: 400 })).artifacts;
    const fast = derive('tot', at, recording('tot', { ttfb: 40 })).artifacts;
    // Same draw, ten times the recorded server time: ten times the derived server time (to the millisecond).
    expect(Math.abs(slow.home.ttfbMs! - 10 * fast.home.ttfbMs!)).toBeLessThanOrEqual(10);
    // Later marks move with the first byte; the client part stays close to the recorded 100 ms.
    expect(slow.home.fcpMs! - slow.home.ttfbMs!).toBeGreaterThan(60);
    expect(slow.home.fcpMs! - slow.home.ttfbMs!).toBeLessThan(160);
    const rec = recording('tot');
    const d = derive('tot', at, rec).artifacts;
    expect(d.home.title).toBe(rec.home.title);
    expect(d.home.finalUrl).toBe(rec.home.finalUrl);
    expect(d.facts).toEqual(rec.facts);
    // The recording's screenshot shows the recording's moment: a derived hour claims none.
    expect(d.home.screenshot).toBeNull();
    expect(d.factsAt).toBe(at);
  });

  it('follows the load curve: office hours slower than nights over a month of weekdays', () => {
    const mean = (hour: number) => {
      const xs = Array.from({ length: 30 }, (_, i) => derive('tot', hourAt(i + 1, hour)).artifacts.home.ttfbMs!);
      return xs.reduce((s, x) => s + x, 0) / xs.length;
    };
    expect(mean(9)).toBeGreaterThan(mean(3) * 1.2);
  });

  it('takes the national portal down for the scripted night, and the result is judged down', () => {
    const { daysAgo, fromHour, toHour } = SCRIPT.quocGiaNightOutage;
    const down = derive('quoc-gia', hourAt(daysAgo, fromHour));
    expect(down.events).toContain('outage:timeout');
    expect(down.artifacts.home.error?.code).toBe('timeout');
    // As probeAgency: no form and no facts when the home page did not load; re-probed before it counts.
    expect(down.artifacts.form).toBeNull();
    expect(down.artifacts.facts).toEqual(emptyFacts());
    expect(down.artifacts.retries).toHaveLength(registry.probe.confirmAttempts);
    const at = hourAt(daysAgo, fromHour);
    expect(
      evaluate(agency('quoc-gia'), down.artifacts, { at, nationalHosts: registry.nationalHosts, maintenance: false }).status,
    ).toBe('down');
    expect(derive('quoc-gia', hourAt(daysAgo, toHour)).events).toEqual([]);
    expect(derive('quoc-gia', hourAt(daysAgo + 1, fromHour)).events).toEqual([]);
  });

  it('removes the good portal’s security headers before the day it added them', () => {
    const rec = recording('tot');
    const before = derive('tot', hourAt(SCRIPT.totHeadersAdded + 1, 10), rec);
    const after = derive('tot', hourAt(SCRIPT.totHeadersAdded, 10), rec);
    expect(before.events).toContain('before:security-headers');
    expect(before.artifacts.home.headers).toEqual({ server: 'nginx' });
    expect(after.artifacts.home.headers).toEqual(rec.home.headers);
  });

  it('makes the slow home page’s "A+" work before the day it broke, and the check judge sees it', () => {
    const id = 'cham-trang-chu';
    const before = derive(id, hourAt(SCRIPT.slowHomeFontSizeBroke + 1, 3));
    const after = derive(id, hourAt(SCRIPT.slowHomeFontSizeBroke, 3));
    expect(before.artifacts.facts.fontSize).toMatchObject({ beforePx: 16, afterPx: 18 });
    expect(after.artifacts.facts.fontSize).toMatchObject({ beforePx: 16, afterPx: 16 });
    const judge = (a: ProbeArtifacts, at: string) =>
      evaluate(agency(id), a, { at, nationalHosts: registry.nationalHosts, maintenance: false }).checks.find(
        (c) => c.id === 'font-size-controls',
      )?.status;
    expect(judge(before.artifacts, before.artifacts.home.url)).toBe('pass');
    expect(judge(after.artifacts, after.artifacts.home.url)).toBe('fail');
  });

  it('keeps the slow home page over its thresholds since the release, and fast before it on a quiet night', () => {
    const id = 'cham-trang-chu';
    const rec = recording(id, { ttfb: 5_000 });
    const judged = (at: string) =>
      evaluate(agency(id), derive(id, at, rec).artifacts, { at, nationalHosts: registry.nationalHosts, maintenance: false });
    const timing = (at: string) => judged(at).breaches.filter((b) => b.startsWith('home.'));
    expect(timing(hourAt(SCRIPT.slowHomeRelease, 3))).toContain('home.ttfbMs');
    expect(timing(hourAt(SCRIPT.slowHomeRelease + 1, 3))).toEqual([]);
  });

  it('keeps the slow form under its threshold on quiet nights and over it at office peaks since the back-end slowed', () => {
    // The form's time past its first byte follows load; 14 days back its back-end slowed (SCRIPT.slowFormBackend).
    const id = 'cham-bieu-mau';
    // As the demo portal records it: the form's readiness waits ~5 s for its back-end (demo/portals.ts).
    const rec = recording(id, { ready: 5_300 });
    const formBreached = (at: string) =>
      evaluate(agency(id), derive(id, at, rec).artifacts, {
        at,
        nationalHosts: registry.nationalHosts,
        maintenance: false,
      }).breaches.some((b) => b.startsWith('form.'));
    // Weekday office peaks (10:00) since the slowdown, and quiet nights (03:00) before it.
    const peaks = Array.from({ length: SCRIPT.slowFormBackend }, (_, i) => hourAt(i + 1, 10)).filter(
      (at) => ![0, 6].includes(new Date(Date.parse(at) + 7 * 3_600_000).getUTCDay()),
    );
    expect(peaks.length).toBeGreaterThanOrEqual(8);
    expect(peaks.filter(formBreached)).toEqual(peaks);
    const nights = Array.from({ length: 14 }, (_, i) => hourAt(SCRIPT.slowFormBackend + 2 + i, 3));
    expect(nights.filter(formBreached)).toEqual([]);
    // The home page is not moved by the form's back-end.
    expect(derive(id, peaks[0]!, rec).artifacts.home.lcpMs).toBeLessThan(rec.home.lcpMs! * 3);
  });

  it('replays a consolidated portal as consolidated at every hour: never down, never timed as the province', () => {
    // Its recording: the province's address redirected to the national portal (as since 1 July 2025).
    const id = 'hop-nhat';
    const national = 'http://127.0.0.1:5000/';
    const base = recording(id);
    const rec: ProbeArtifacts = {
      ...base,
      home: { ...base.home, finalUrl: national, redirects: [base.home.url, national] },
      form: null,
    };
    const statuses = new Set(
      Array.from({ length: 48 }, (_, i) => hourAt(1 + Math.floor(i / 24), i % 24)).map(
        (at) =>
          evaluate(agency(id), derive(id, at, rec).artifacts, { at, nationalHosts: registry.nationalHosts, maintenance: false })
            .status,
      ),
    );
    expect([...statuses]).toEqual(['consolidated']);
  });

  it('never invents a working page for a portal whose recording is an error', () => {
    const d = derive('loi', hourAt(30, 10), recording('loi', { status: 503 }));
    expect(d.artifacts.home.httpStatus).toBe(503);
    expect(d.artifacts.form).toBeNull();
  });
});

describe('site: replayed history is said where it shows', () => {
  const AT = '2026-11-22T00:00:00.000Z';
  it('notes replayed data on the overview, the agency page and the methodology, and only there', () => {
    // prepare: one agency's last three days replayed
    const input = syntheticSiteInput({ agencies: 3, days: 10, at: AT, seed: 3 });
    const replayedId = input.registry.agencies[1]!.id;
    input.daily = input.daily.map((d) => (d.agencyId === replayedId && d.day >= '2026-11-19' ? { ...d, replayed: d.rounds } : d));
    // act
    const files = buildSite(input);
    const plain = buildSite(syntheticSiteInput({ agencies: 3, days: 10, at: AT, seed: 3 }));
    // assess
    const note = 'Dữ liệu lịch sử phát lại từ bản ghi mô phỏng';
    expect(files.get('index.html')).toContain(note);
    expect(files.get(`agency/${replayedId}.html`)).toContain(note);
    expect(files.get(`agency/${input.registry.agencies[0]!.id}.html`)).not.toContain(note);
    expect(files.get('methodology.html')).toContain('id="phat-lai"');
    expect(files.get('data/daily.csv')?.split('\r\n')[0]).toContain('replayedRounds');
    for (const [path, text] of plain) if (path.endsWith('.html')) expect(text).not.toContain(note);
  });
});
