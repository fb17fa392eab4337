import type { Cause } from './causes.js';
import type { Result, Status } from './result.js';
import { vnDay } from './vi-format.js';

/**
 * One agency's day (calendar day in Asia/Ho_Chi_Minh), kept in the store as rounds finish so the site reads aggregates
 * rather than every raw result. Raw samples are kept (at most 24 a day each) so medians and p95 stay exact.
 */
export interface DailyAggregate {
  agencyId: string;
  /** Calendar day in Asia/Ho_Chi_Minh, `YYYY-MM-DD`. */
  day: string;
  rounds: number;
  statuses: Partial<Record<Status, number>>;
  homeLoadMs: number[];
  homeLcpMs: number[];
  formReadyMs: number[];
  scores: number[];
  /** How many rounds of the day each check failed in (for "failing since" on the site). */
  failedChecks: Record<string, number>;
  /** Breached threshold names and how many rounds breached them. */
  breaches: Record<string, number>;
  /** Round times (ISO) already counted, so a replayed or retried round is not counted twice. */
  ats: string[];
  /** Causes named in the day's rounds, by kind and page: how many rounds, and the latest wording (causes.ts). */
  causes?: Record<string, { rounds: number; text: string }>;
  /** How many of the day's rounds were replayed (derived demo history, see Result.replay); absent when none. */
  replayed?: number;
}

/** Adds one result to its day's aggregate (pure; idempotent for the same `at`). */
export function addToAggregate(agg: DailyAggregate | null, r: Result): DailyAggregate {
  const day = vnDay(r.at);
  const base: DailyAggregate = agg ?? {
    agencyId: r.agencyId,
    day,
    rounds: 0,
    statuses: {},
    homeLoadMs: [],
    homeLcpMs: [],
    formReadyMs: [],
    scores: [],
    failedChecks: {},
    breaches: {},
    ats: [],
  };
  if (base.ats.includes(r.at)) return base;
  const push = (xs: number[], v: number | null | undefined) => (v == null ? xs : [...xs, v]);
  return {
    ...base,
    rounds: base.rounds + 1,
    statuses: { ...base.statuses, [r.status]: (base.statuses[r.status] ?? 0) + 1 },
    homeLoadMs: push(base.homeLoadMs, r.pages.home?.loadMs),
    homeLcpMs: push(base.homeLcpMs, r.pages.home?.lcpMs),
    formReadyMs: push(base.formReadyMs, r.pages.form?.readyMs),
    scores: push(base.scores, r.score),
    failedChecks: count(
      base.failedChecks,
      r.checks.filter((c) => c.status === 'fail').map((c) => c.id),
    ),
    breaches: count(base.breaches, r.breaches),
    ats: [...base.ats, r.at],
    ...(r.replay ? { replayed: (base.replayed ?? 0) + 1 } : {}),
    ...(r.causes?.length || base.causes ? { causes: countCauses(base.causes ?? {}, r.causes ?? []) } : {}),
  };
}

const countCauses = (
  m: NonNullable<DailyAggregate['causes']>,
  causes: readonly Cause[],
): NonNullable<DailyAggregate['causes']> => {
  const out = { ...m };
  for (const c of causes) {
    const k = `${c.page}:${c.kind}`;
    out[k] = { rounds: (out[k]?.rounds ?? 0) + 1, text: c.text };
  }
  return out;
};

const count = (m: Record<string, number>, keys: string[]): Record<string, number> => {
  const out = { ...m };
  for (const k of keys) out[k] = (out[k] ?? 0) + 1;
  return out;
};

/** Quantile by nearest rank; null for no data. */
export function quantile(xs: readonly number[], q: number): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? null;
}

/** Share of rounds in which the portal answered (up or degraded), over rounds the monitor could judge. */
export function availability(statuses: Partial<Record<Status, number>>): number | null {
  const up = (statuses.up ?? 0) + (statuses.degraded ?? 0);
  const judged = up + (statuses.down ?? 0);
  return judged === 0 ? null : up / judged;
}
