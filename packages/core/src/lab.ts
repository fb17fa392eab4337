import { LAB_METRICS, LAB_RISK, LAB_THRESHOLDS, type LabMetricName } from './lab-thresholds.js';

/**
 * The ministry profile: Lighthouse in its default mobile configuration (simulated slow 4G and 4× CPU slowdown,
 * a phone screen), performance category only, a few times a day per page; per metric, the day's median.
 */

/** One page's numbers from one Lighthouse run (or the day's medians), ms; `cls` unitless; `score` 0–100. */
export interface LabMetrics {
  fcpMs: number | null;
  lcpMs: number | null;
  speedIndexMs: number | null;
  tbtMs: number | null;
  cls: number | null;
  score: number | null;
}

/** Lighthouse settings a run used (from its own `configSettings`), kept with every run. */
export interface LabSettings {
  formFactor: string;
  throttlingMethod: string;
  rttMs: number | null;
  throughputKbps: number | null;
  cpuSlowdownMultiplier: number | null;
  screen: { width: number; height: number; deviceScaleFactor: number } | null;
}

/** A Lighthouse diagnostic audit that did not pass: its id, estimated savings, value and worst item. */
export interface LabOpportunity {
  /** e.g. `server-response-time`, `render-blocking-resources`, `uses-optimized-images`, `unused-javascript`. */
  id: string;
  savingsMs: number | null;
  savingsBytes: number | null;
  /** The audit's numeric value (ms for server response time, bytes for total byte weight). */
  value: number | null;
  url: string | null;
}

/** One Lighthouse run of one page. */
export interface LabRun {
  page: 'home' | 'form';
  url: string;
  /** When it ran (ISO). */
  at: string;
  tool: 'lighthouse';
  version: string;
  /** Lighthouse's own CPU benchmark of the machine (environment.benchmarkIndex), to read the numbers against. */
  benchmarkIndex: number | null;
  settings: LabSettings;
  metrics: LabMetrics | null;
  /** Why the page gave no numbers (Lighthouse's runtimeError code, a guard refusal, a timeout). */
  error: string | null;
  /** Lighthouse's own diagnostics that failed in this run (what to fix, as Lighthouse sees it), at most 6. */
  opportunities?: LabOpportunity[];
  /** Metrics Lighthouse could not compute in a run that gave others (audit id: its error message). */
  warnings?: string[];
  durationMs: number;
}

/** One agency's ministry-profile runs of one Vietnamese calendar day (of the rounds that ran them), stored per agency and day. */
export interface LabDay {
  agencyId: string;
  day: string;
  runs: LabRun[];
}

/** What a result row carries: the day's medians so far, with the tool, its version and settings. */
export interface LabSummary {
  tool: 'lighthouse';
  version: string;
  formFactor: string;
  throttling: { method: string; rttMs: number | null; throughputKbps: number | null; cpuSlowdownMultiplier: number | null };
  /** Runs behind the medians (of the home page; the form page has as many, or fewer when it failed). */
  runs: number;
  /** The latest run's time. */
  at: string;
  benchmarkIndex: number | null;
  home: LabMetrics | null;
  form: LabMetrics | null;
  /** Why a page is null: the latest failed run's reason; null when the page has numbers or was not measured. */
  errors: { home: string | null; form: string | null };
  /** Lighthouse's diagnostics of the latest run of each page that gave numbers. */
  opportunities?: { home: LabOpportunity[]; form: LabOpportunity[] };
}

/** Adds a run to its day (pure; a run of the same page at the same time is not added twice). */
export function addLabRun(day: LabDay | null, key: { agencyId: string; day: string }, run: LabRun): LabDay {
  const d: LabDay = day ?? { agencyId: key.agencyId, day: key.day, runs: [] };
  if (d.runs.some((r) => r.page === run.page && r.at === run.at)) return d;
  return { ...d, runs: [...d.runs, run] };
}

/** Median of the present values (mean of the two middle ones for an even count, as Lighthouse CI does). */
export function median(xs: readonly (number | null)[]): number | null {
  const v = xs.filter((x): x is number => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? (v[mid] ?? null) : ((v[mid - 1] ?? 0) + (v[mid] ?? 0)) / 2;
}

const KEYS = ['fcpMs', 'lcpMs', 'speedIndexMs', 'tbtMs', 'cls', 'score'] as const;

/** Per metric, the median over the runs that gave numbers; null when none did. */
export function medianMetrics(runs: readonly LabRun[]): LabMetrics | null {
  const ok = runs.map((r) => r.metrics).filter((m): m is LabMetrics => m !== null);
  if (ok.length === 0) return null;
  const out = {} as LabMetrics;
  for (const k of KEYS) {
    const m = median(ok.map((x) => x[k]));
    out[k] = m === null ? null : k === 'cls' ? Math.round(m * 1000) / 1000 : Math.round(m);
  }
  return out;
}

/** The day's summary for a result row, or null when the day has no run. */
export function labSummary(day: LabDay | null): LabSummary | null {
  const runs = day?.runs ?? [];
  const last = [...runs].sort((a, b) => a.at.localeCompare(b.at)).at(-1);
  if (!last) return null;
  const of = (page: 'home' | 'form') => runs.filter((r) => r.page === page);
  const reason = (page: 'home' | 'form') => {
    const rs = of(page);
    return rs.length > 0 && rs.every((r) => r.metrics === null) ? (rs.at(-1)?.error ?? 'unknown') : null;
  };
  const s = last.settings;
  return {
    tool: 'lighthouse',
    version: last.version,
    formFactor: s.formFactor,
    throttling: {
      method: s.throttlingMethod,
      rttMs: s.rttMs,
      throughputKbps: s.throughputKbps,
      cpuSlowdownMultiplier: s.cpuSlowdownMultiplier,
    },
    runs: new Set(of('home').map((r) => r.at)).size,
    at: last.at,
    benchmarkIndex: median(runs.map((r) => r.benchmarkIndex)),
    home: medianMetrics(of('home')),
    form: medianMetrics(of('form')),
    errors: { home: reason('home'), form: reason('form') },
    opportunities: { home: latestOpportunities(of('home')), form: latestOpportunities(of('form')) },
  };
}

const latestOpportunities = (runs: readonly LabRun[]): LabOpportunity[] =>
  [...runs]
    .filter((r) => r.metrics !== null)
    .sort((a, b) => a.at.localeCompare(b.at))
    .at(-1)?.opportunities ?? [];

export type LabVerdict = Record<LabMetricName, 'pass' | 'fail' | 'unknown'>;

/** Each of the four criteria against the ministry's threshold (strictly under passes). */
export function labVerdict(m: LabMetrics | null): LabVerdict {
  const out = {} as LabVerdict;
  for (const k of LAB_METRICS) {
    const v = m?.[k];
    out[k] = v == null ? 'unknown' : v < LAB_THRESHOLDS[k] ? 'pass' : 'fail';
  }
  return out;
}

/** A criterion whose daily median failed on `LAB_RISK.failDays` or more of the last `LAB_RISK.window` days. */
export interface LabRisk {
  page: 'home' | 'form';
  metric: LabMetricName;
  failDays: number;
  days: number;
}

/** "At risk in the ministry's evaluation": the criteria failing often over the last 7 days up to `today`. */
export function labRisks(days: readonly LabDay[], today: string): LabRisk[] {
  const from = new Date(Date.parse(`${today}T00:00:00Z`) - (LAB_RISK.window - 1) * 86_400_000).toISOString().slice(0, 10);
  const recent = days.filter((d) => d.day >= from && d.day <= today);
  const out: LabRisk[] = [];
  for (const page of ['home', 'form'] as const)
    for (const metric of LAB_METRICS) {
      const verdicts = recent.map((d) => labVerdict(medianMetrics(d.runs.filter((r) => r.page === page)))[metric]);
      const failDays = verdicts.filter((v) => v === 'fail').length;
      if (failDays >= LAB_RISK.failDays)
        out.push({ page, metric, failDays, days: verdicts.filter((v) => v !== 'unknown').length });
    }
  return out;
}
