import {
  CHECKS,
  type DailyAggregate,
  DEFAULT_ALERTS,
  DEFAULT_OUTAGE,
  DEFAULT_PROBE,
  DEFAULT_THRESHOLDS,
  type Incident,
  type PageResult,
  type Registry,
  type Result,
  type Status,
  vnDay,
} from '@dvcwatch/core';
import type { SiteInput } from '@dvcwatch/site';

/** Deterministic PRNG (mulberry32): synthetic data is the same on every run. */
const rng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};

/** A loaded page whose timings scale with its LCP (synthetic data for tests and the bench). */
export const syntheticPage = (url: string, lcp: number, ready: number | null): PageResult => ({
  url,
  finalUrl: url,
  httpStatus: 200,
  redirects: [url],
  ttfbMs: Math.round(lcp * 0.2),
  fcpMs: Math.round(lcp * 0.6),
  lcpMs: lcp,
  domContentLoadedMs: Math.round(lcp * 0.8),
  loadMs: Math.round(lcp * 1.2),
  tbtMs: 100,
  cls: 0.01,
  readyMs: ready,
  readyKind: ready === null ? null : 'login',
  error: null,
  title: 'Cổng dịch vụ công',
  challenge: false,
  screenshot: null,
  durationMs: lcp + 500,
  attempts: 1,
});

/**
 * Synthetic site input: `agencies` agencies (ministries, then provinces, one national portal), `days` days of
 * aggregates with 24 rounds each, 48 h of raw results. For tests, the page-weight budget and build timing.
 */
/** The 34 official province codes (after 1 July 2025): synthetic provinces take them in turn, so the map is coloured. */
const PROVINCE_CODES =
  '01 04 08 11 12 14 15 19 20 22 24 25 31 33 37 38 40 42 44 46 48 51 52 56 66 68 75 79 80 82 86 91 92 96'.split(' ');

export function syntheticSiteInput(opts: { agencies: number; days: number; at: string; seed?: number }): SiteInput {
  const rand = rng(opts.seed ?? 1);
  const hour = 3_600_000;
  const now = Date.parse(opts.at);
  const firstProvince = (i: number) => i - Math.round(opts.agencies * 0.3) - 1;
  const agencies: Registry['agencies'] = Array.from({ length: opts.agencies }, (_, i) => {
    const kind = i === 0 ? 'national' : i <= Math.round(opts.agencies * 0.3) ? 'ministry' : 'province';
    const id = `${kind === 'province' ? 'tinh' : kind === 'ministry' ? 'bo' : 'quoc-gia'}-${String(i).padStart(3, '0')}`;
    return {
      id,
      name: `${kind === 'province' ? 'Tỉnh Thử nghiệm' : kind === 'ministry' ? 'Bộ Thử nghiệm' : 'Cổng Dịch vụ công quốc gia'} số ${i}`,
      kind,
      ...(kind === 'province' && firstProvince(i) < PROVINCE_CODES.length
        ? { provinceCode: PROVINCE_CODES[firstProvince(i)] }
        : {}),
      head: { name: 'Thủ trưởng', email: `head-${i}@example.gov.vn` },
      cc: [],
      escalation: [],
      portal: { home: `https://dichvucong.${id}.gov.vn/`, form: `https://dichvucong.${id}.gov.vn/form` },
      placeholderContact: true,
      maintenance: [],
      thresholds: { ...DEFAULT_THRESHOLDS },
      alerts: { ...DEFAULT_ALERTS },
    };
  });
  const registry: Registry = {
    version: 1,
    operators: [],
    siteUrl: null,
    nationalHosts: ['dichvucong.gov.vn'],
    vantages: [],
    probe: DEFAULT_PROBE,
    outage: DEFAULT_OUTAGE,
    agencies,
  };
  const statuses: Status[] = ['up', 'up', 'up', 'up', 'degraded', 'down', 'blocked', 'consolidated', 'error'];
  const result = (agencyId: string, at: string, base: number): Result => {
    const status = statuses[Math.floor(rand() * statuses.length)] ?? 'up';
    const lcp = Math.round(base * (0.6 + rand()));
    const score = Math.round(rand() * 1000) / 10;
    const checks = CHECKS.map((c) => ({
      id: c.id,
      status: rand() < 0.6 ? ('pass' as const) : rand() < 0.7 ? ('fail' as const) : ('unknown' as const),
      evidence: `Thấy "${c.title}" tại https://dichvucong.${agencyId}.gov.vn/`,
    }));
    const up = status === 'up' || status === 'degraded';
    return {
      agencyId,
      at,
      status,
      reason: status === 'down' ? 'timeout' : null,
      pages: {
        home: up ? syntheticPage(`https://dichvucong.${agencyId}.gov.vn/`, lcp, null) : null,
        form: up ? syntheticPage(`https://dichvucong.${agencyId}.gov.vn/form`, lcp, Math.round(lcp * 1.3)) : null,
      },
      breaches: lcp > 4_000 ? ['home.lcpMs'] : [],
      breachDetails: lcp > 4_000 ? [{ metric: 'home.lcpMs', value: lcp, limit: 4_000 }] : [],
      checks,
      groups: [{ group: 'functions', earned: 20, measured: 40, weight: 50 }],
      score,
      grade: score >= 90 ? 'A' : score >= 80 ? 'B' : score >= 65 ? 'C' : score >= 50 ? 'D' : 'E',
      profile: 'desktop-unthrottled',
      maintenance: false,
      probeMs: 5_000,
    };
  };
  const latest: Result[] = [];
  const recent: Result[] = [];
  const daily: DailyAggregate[] = [];
  const incidents: SiteInput['incidents'] = [];
  for (const a of agencies) {
    const base = 1_500 + rand() * 4_000;
    for (let h = 47; h >= 0; h--) recent.push(result(a.id, new Date(now - h * hour).toISOString(), base));
    const last = recent[recent.length - 1];
    if (last) latest.push(last);
    for (let d = opts.days - 1; d >= 0; d--) {
      const day = vnDay(new Date(now - d * 24 * hour).toISOString());
      const xs = (f: number) => Array.from({ length: 24 }, () => Math.round(base * f * (0.6 + rand())));
      daily.push({
        agencyId: a.id,
        day,
        rounds: 24,
        statuses: { up: 20, degraded: 2, down: 1, error: 1 },
        homeLoadMs: xs(1.2),
        homeLcpMs: xs(1),
        formReadyMs: xs(1.3),
        scores: Array.from({ length: 24 }, () => Math.round(rand() * 1000) / 10),
        failedChecks: Object.fromEntries(CHECKS.filter(() => rand() < 0.2).map((c) => [c.id, 1 + Math.floor(rand() * 23)])),
        breaches: {},
        ats: [],
      });
    }
    const since = new Date(now - 30 * hour).toISOString();
    const inc: Incident = {
      id: `${a.id}#${since}`,
      openedAt: since,
      since,
      status: 'down',
      breaches: ['home.lcpMs'],
      lastNotifiedAt: since,
      reminders: 1,
      escalated: false,
      resolvedAt: rand() < 0.5 ? new Date(now - 2 * hour).toISOString() : null,
    };
    incidents.push({ ...inc, agencyId: a.id });
  }
  return {
    generatedAt: opts.at,
    registry,
    latest,
    recent,
    daily,
    incidents,
    probeLocation: '127.0.0.1 (máy cục bộ)',
    profile: 'desktop, không giới hạn băng thông',
  };
}

/** Hostile strings a portal could send back, each of which sets `window.__pwned` if it ever runs. */
export const PAYLOADS = {
  title: '"><img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>',
  evidence: '<script>window.__pwned=1</script><a href="javascript:window.__pwned=1">x</a>',
  url: 'javascript:window.__pwned=1',
  screenshot: 'javascript:window.__pwned=1',
} as const;

/** The input with the first agency's latest result (and its recent copy) carrying every payload. */
export function withPayloads(input: SiteInput): SiteInput {
  const target = input.latest[0];
  if (!target) return input;
  const poison = (r: Result): Result =>
    r.agencyId !== target.agencyId || r.at !== target.at
      ? r
      : {
          ...r,
          status: 'up',
          pages: {
            home: {
              ...syntheticPage(PAYLOADS.url, 1_000, null),
              title: PAYLOADS.title,
              screenshot: PAYLOADS.screenshot,
              finalUrl: PAYLOADS.url,
            },
            form: null,
          },
          checks: r.checks.map((c, i) => (i === 0 ? { ...c, status: 'fail', evidence: PAYLOADS.evidence } : c)),
        };
  return {
    ...input,
    registry: {
      ...input.registry,
      agencies: input.registry.agencies.map((a) =>
        a.id === target.agencyId ? { ...a, source: PAYLOADS.title, portal: { home: PAYLOADS.url, form: PAYLOADS.url } } : a,
      ),
    },
    latest: input.latest.map(poison),
    // The recent copy of the same round is the latest result itself (a full Result is a RecentResult too).
    recent: input.recent.map((r) => (r.agencyId === target.agencyId && r.at === target.at ? poison(target) : r)),
  };
}
