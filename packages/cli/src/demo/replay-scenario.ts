import {
  type Agency,
  blankPage,
  classifyPage,
  confirmationPolicy,
  emptyFacts,
  type Facts,
  type PageArtifacts,
  type ProbeArtifacts,
  pageBreaches,
  type Registry,
  untimedIfError,
  vnDay,
  vnParts,
} from '@dvcwatch/core';

/**
 * Demo history, derived. `dvcwatch replay` takes one real probe per agency (real Chromium against the demo
 * portals) and derives every past hour from it: the recorded timings are moved by a diurnal load curve and
 * seeded noise, and each demo portal follows a scenario that fits its character (below). Everything else the
 * result holds (page titles, redirects, headers, the facts the checks judge) is the recording's, except where a
 * scenario says otherwise. Pure and deterministic: the same recording, hour and seed give the same artifacts.
 */

/** What a scenario knows about one replayed hour. */
export interface HourContext {
  at: string;
  /** Hour of day in Vietnam (0–23). */
  vnHour: number;
  /** Day of week in Vietnam, 0 = Sunday. */
  vnWeekday: number;
  /** Whole Vietnamese calendar days back from the last replayed hour's day (0 = that day). */
  daysAgo: number;
  /** Share of a weekday's peak traffic at this hour (0–1): the diurnal load curve. */
  load: number;
}

/** How a page fails during a scripted outage. */
export type Outage = 'timeout' | 'http-503' | 'reset';

export interface Scenario {
  id: string;
  /** What the scenario does, in a sentence (documentation, README). */
  summary: string;
  /** Multiplier of the recorded server time (TTFB) at this hour; every later timing of the page moves with it. */
  server(h: HourContext): number;
  /** Multiplier of the recorded client-side part of a page (after the first byte); 1 when absent. */
  client?(h: HourContext, page: 'home' | 'form'): number;
  /** The home page's failure at this hour, if the scenario scripts one (it lasts through the re-probes). */
  outage?(h: HourContext): Outage | null;
  /** What the portal looked like before a change the scenario scripts (a check fixed or broken in the window). */
  before?(h: HourContext, a: { home: PageArtifacts; facts: Facts }): { home: PageArtifacts; facts: Facts; events: string[] };
}

// Share of a weekday's peak traffic by Vietnamese hour (0–23). Offices of the one-stop model work about
// 7:30–11:30 and 13:30–17:00, when citizens and officers file and look up dossiers; nights are quiet. dvcwatch's
// own shape for the demo, not a measurement.
const WEEKDAY_LOAD = [
  0.06, 0.04, 0.03, 0.03, 0.04, 0.08, 0.2, 0.5, 0.85, 1, 0.95, 0.8, 0.45, 0.55, 0.85, 1, 0.9, 0.6, 0.35, 0.3, 0.25, 0.18, 0.12,
  0.08,
];
/** Saturdays and Sundays carry about a third of a weekday's traffic (offices closed). */
const WEEKEND_SHARE = 0.35;

/** The diurnal load curve: share of peak traffic at a Vietnamese hour and weekday. */
export const loadAt = (vnHour: number, vnWeekday: number): number =>
  (WEEKDAY_LOAD[vnHour] ?? 0) * (vnWeekday === 0 || vnWeekday === 6 ? WEEKEND_SHARE : 1);

const DAY = 86_400_000;

/** The scenario's view of `at`, counting days back from the Vietnamese day of `last` (the last replayed hour). */
export function hourContext(at: string, last: string): HourContext {
  const local = vnParts(at);
  const vnHour = Number(local?.hour ?? 0);
  const vnWeekday = local?.weekday ?? 0;
  const daysAgo = Math.round((Date.parse(vnDay(last)) - Date.parse(vnDay(at))) / DAY);
  return { at, vnHour, vnWeekday, daysAgo, load: loadAt(vnHour, vnWeekday) };
}

/** FNV-1a, 32 bits: turns the seed, agency, hour and attempt into a PRNG state. */
const fnv1a = (s: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
};

/** mulberry32: a small, fast, well-distributed 32-bit PRNG; enough for jitter, not for secrets. */
const mulberry32 = (seed: number) => {
  let a = seed >>> 0;
  return (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};

/** A deterministic random source for one (seed, parts…): the same parts give the same sequence, in any order of calls. */
export const randomFor = (seed: number, ...parts: string[]): (() => number) => mulberry32(fnv1a(`${seed}|${parts.join('|')}`));

/** Log-normal jitter around 1 (Box–Muller): timings are skewed to the slow side, as measured timings are. */
const jitter = (rand: () => number, sigma: number): number => {
  const u = Math.max(rand(), 1e-12);
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
  return Math.exp(sigma * z);
};

const linear = (base: number, perLoad: number) => (h: HourContext) => base + perLoad * h.load;

/** Response headers the `security-headers` check looks for. */
const SECURITY_HEADERS = ['x-content-type-options', 'x-frame-options', 'content-security-policy', 'strict-transport-security'];

/** Days back (from the last replayed day) of the scripted events, exported so tests check the site against them. */
export const SCRIPT = {
  quocGiaNightOutage: { daysAgo: 61, fromHour: 1, toHour: 5 },
  quocGiaOverload: { daysAgo: 19, fromHour: 9, toHour: 12 },
  totBlip: { daysAgo: 47, hour: 15 },
  totHeadersAdded: 34,
  slowHomeRelease: 40,
  slowHomeBusyDays: [76, 69, 55],
  slowHomeFontSizeBroke: 12,
  slowFormBackend: 14,
} as const;

/** The demo portals' scenarios (packages/cli/src/demo/portals.ts describes the portals themselves). */
export const SCENARIOS: Record<string, Scenario> = {
  'quoc-gia': {
    id: 'quoc-gia',
    summary:
      'National portal: load follows office hours; down 4 hours one night 61 days back (requests time out) and 3 hours one morning 19 days back (HTTP 503 under load).',
    server: linear(0.6, 0.9),
    outage: (h) => {
      const night = SCRIPT.quocGiaNightOutage;
      const busy = SCRIPT.quocGiaOverload;
      if (h.daysAgo === night.daysAgo && h.vnHour >= night.fromHour && h.vnHour < night.toHour) return 'timeout';
      if (h.daysAgo === busy.daysAgo && h.vnHour >= busy.fromHour && h.vnHour < busy.toHour) return 'http-503';
      return null;
    },
  },
  tot: {
    id: 'tot',
    summary:
      'Good province: steady; one reset connection at 15:00 47 days back (a single round, so never an incident); security headers added 34 days back (missing before).',
    server: linear(0.7, 0.6),
    outage: (h) => (h.daysAgo === SCRIPT.totBlip.daysAgo && h.vnHour === SCRIPT.totBlip.hour ? 'reset' : null),
    before: (h, a) =>
      h.daysAgo > SCRIPT.totHeadersAdded
        ? {
            home: {
              ...a.home,
              headers: Object.fromEntries(Object.entries(a.home.headers).filter(([k]) => !SECURITY_HEADERS.includes(k))),
            },
            facts: a.facts,
            events: ['before:security-headers'],
          }
        : { ...a, events: [] },
  },
  'cham-trang-chu': {
    id: 'cham-trang-chu',
    summary:
      'Slow home page: fast until a release 40 days back, except three busy days when office-hour load pushed it over the thresholds; slow at every hour since (the recording). Its "A+" control worked until 12 days back.',
    server: (h) => {
      if (h.daysAgo <= SCRIPT.slowHomeRelease) return 0.72 + 0.4 * h.load;
      if ((SCRIPT.slowHomeBusyDays as readonly number[]).includes(h.daysAgo)) return 0.12 + 0.5 * h.load;
      return 0.06 + 0.1 * h.load;
    },
    before: (h, a) =>
      h.daysAgo > SCRIPT.slowHomeFontSizeBroke && a.facts.fontSize?.beforePx != null
        ? {
            home: a.home,
            facts: { ...a.facts, fontSize: { ...a.facts.fontSize, afterPx: a.facts.fontSize.beforePx + 2 } },
            events: ['before:font-size-controls'],
          }
        : { ...a, events: [] },
  },
  'cham-bieu-mau': {
    id: 'cham-bieu-mau',
    summary:
      'Slow form: the form waits on a back-end whose time follows load; under the threshold at most hours until 14 days back (over it now and then at peak), over it every office day since.',
    server: linear(0.7, 0.6),
    client: (h, page) => {
      if (page === 'home') return 1;
      return h.daysAgo <= SCRIPT.slowFormBackend ? 0.62 + 0.5 * h.load : 0.5 + 0.25 * h.load;
    },
  },
  loi: {
    id: 'loi',
    summary:
      'Failing province: its recording is an HTTP 503, so every hour is that 503 (down for the whole window: replay never invents a page it did not see).',
    server: linear(0.7, 0.6),
  },
  'hop-nhat': {
    id: 'hop-nhat',
    summary: 'Consolidated province: redirects to the national portal for the whole window (as since 1 July 2025).',
    server: linear(0.7, 0.6),
  },
  'chan-nuoc-ngoai': {
    id: 'chan-nuoc-ngoai',
    summary:
      'Province refusing foreign traffic: its recording is a reset connection from the first vantage and a page served to the second, so every hour is `blocked` (`geo`): what the vantages saw when it was recorded, never emailed.',
    server: linear(0.7, 0.6),
  },
};

/** For an agency without a scenario of its own: load and noise only. */
export const DEFAULT_SCENARIO: Scenario = {
  id: 'default',
  summary: 'Load follows office hours; no scripted event.',
  server: linear(0.7, 0.6),
};

export const scenarioFor = (agencyId: string): Scenario => SCENARIOS[agencyId] ?? DEFAULT_SCENARIO;

const round = (v: number) => Math.round(v);

/** Moves a recorded page's timings: the server part (TTFB) × `server`, the rest × `client`. */
export function scalePage(p: PageArtifacts, server: number, client: number): PageArtifacts {
  const ttfb = p.ttfbMs ?? 0;
  const first = ttfb * server;
  const move = (v: number | null): number | null => (v === null ? null : round(first + Math.max(0, v - ttfb) * client));
  return {
    ...p,
    ttfbMs: p.ttfbMs === null ? null : round(first),
    fcpMs: move(p.fcpMs),
    lcpMs: move(p.lcpMs),
    domContentLoadedMs: move(p.domContentLoadedMs),
    loadMs: move(p.loadMs),
    tbtMs: p.tbtMs === null ? null : round(p.tbtMs * client),
    ...(p.readyMs !== undefined ? { readyMs: move(p.readyMs) } : {}),
    // The recording's screenshot shows the recording's moment, not this hour: no evidence is claimed.
    screenshot: null,
    // Nor its diagnosis (resource timings of the recording, not of this hour): derived hours name no cause from it.
    diagnosis: null,
    durationMs: round(first + Math.max(0, p.durationMs - ttfb) * client),
  };
}

/** The home page during a scripted outage, shaped as the probe records each failure. */
export function outagePage(p: PageArtifacts, outage: Outage, rand: () => number, timeoutMs: number): PageArtifacts {
  if (outage === 'timeout')
    return {
      ...blankPage(p.url),
      error: { code: 'timeout', message: `page.goto: Timeout ${timeoutMs}ms exceeded.` },
      durationMs: timeoutMs,
    };
  if (outage === 'reset')
    return {
      ...blankPage(p.url),
      error: { code: 'net::ERR_CONNECTION_RESET', message: `page.goto: net::ERR_CONNECTION_RESET at ${p.url}` },
      durationMs: round(20 + 60 * rand()),
    };
  // An overloaded upstream answers at once with a short error page: recorded as the probe records one, with its
  // status, title and first text and no timings (core/error-page.ts).
  return untimedIfError({
    ...p,
    httpStatus: 503,
    title: '503 Service Temporarily Unavailable',
    firstText: '503 Service Temporarily Unavailable nginx',
    headers: { server: 'nginx', 'content-type': 'text/html' },
    screenshot: null,
    durationMs: round(30 + 120 * rand()) + 200,
  });
}

export interface DeriveInput {
  agency: Agency;
  registry: Pick<Registry, 'nationalHosts' | 'probe'>;
  /** The real probe of this agency the hour is derived from. */
  recording: ProbeArtifacts;
  at: string;
  /** The last replayed hour: `daysAgo` counts back from its Vietnamese day. */
  last: string;
  seed: number;
}

export interface DerivedHour {
  artifacts: ProbeArtifacts;
  scenario: string;
  /** What the scenario did beyond load and noise (`outage:timeout`, `before:security-headers`). */
  events: string[];
}

const pagesMs = (a: ProbeArtifacts): number =>
  a.home.durationMs + (a.form?.durationMs ?? 0) + a.retries.reduce((s, r) => s + r.attempt.durationMs, 0);

/**
 * Derives one hour's artifacts from the recording, following the agency's scenario, and re-probes a failed page
 * as probeAgency does (the confirmation policy, each attempt its own draw), so the stored result has the
 * shape of a measured one: attempts, retries, form only when the home page loaded, facts only then.
 */
export function deriveHour(i: DeriveInput): DerivedHour {
  const sc = scenarioFor(i.agency.id);
  const h = hourContext(i.at, i.last);
  const policy = confirmationPolicy(i.registry.probe);
  const rec = i.recording;
  const events: string[] = [];
  const changed = sc.before?.(h, { home: rec.home, facts: rec.facts }) ?? { home: rec.home, facts: rec.facts, events: [] };
  events.push(...changed.events);
  const outage = sc.outage?.(h) ?? null;
  if (outage) events.push(`outage:${outage}`);
  const retries: ProbeArtifacts['retries'] = [];
  let elapsed = 0;
  const attempt = (kind: 'home' | 'form', recorded: PageArtifacts, n: number): PageArtifacts => {
    const rand = randomFor(i.seed, i.agency.id, i.at, kind, String(n));
    if (kind === 'home' && outage) return outagePage(recorded, outage, rand, i.registry.probe.pageTimeoutMs);
    return scalePage(recorded, sc.server(h) * jitter(rand, 0.15), (sc.client?.(h, kind) ?? 1) * jitter(rand, 0.08));
  };
  const probe = (kind: 'home' | 'form', recorded: PageArtifacts): PageArtifacts => {
    let page = attempt(kind, recorded, 0);
    const seen = () => classifyPage(page, i.registry.nationalHosts);
    const breached = () => pageBreaches(kind, page, i.agency.thresholds, i.registry.nationalHosts).length > 0;
    for (let n = 0; policy.another(n, seen(), policy.slowPages === 'in-round' && breached()); n++) {
      retries.push({ page: kind, attempt: page });
      elapsed += page.durationMs + policy.delayBeforeMs(n + 1);
      page = attempt(kind, recorded, n + 1);
    }
    elapsed += page.durationMs;
    return page;
  };
  const home = probe('home', changed.home);
  const homeLoaded = !home.error && home.httpStatus !== null && home.httpStatus < 400 && !home.challenge;
  const form = rec.form && homeLoaded ? probe('form', rec.form) : null;
  const gathered = homeLoaded && rec.facts.homeLinks !== null;
  // The time the recording spent on the check catalogue, beyond its page loads, counts again when facts are used.
  const factsMs = gathered ? Math.max(0, rec.durationMs - pagesMs(rec)) : 0;
  return {
    artifacts: {
      profile: rec.profile,
      home,
      form,
      retries,
      facts: homeLoaded ? changed.facts : emptyFacts(),
      factsAt: gathered ? i.at : null,
      durationMs: round(elapsed + factsMs),
    },
    scenario: sc.id,
    events,
  };
}
