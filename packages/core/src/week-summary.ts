import { availability, type DailyAggregate, quantile } from './aggregate.js';

/** One agency's week, computed from its daily aggregates. */
export interface WeekSummary {
  availability: number | null;
  homeLcpMedianMs: number | null;
  homeLcpP95Ms: number | null;
  formReadyMedianMs: number | null;
  formReadyP95Ms: number | null;
  /** Checks failing in the last day of the week, with how many days of the week they failed. */
  failingChecks: { id: string; days: number }[];
  score: number | null;
  /** The week's most frequent causes of slowness (at most 3), with how many rounds named them. */
  causes?: { text: string; rounds: number }[];
  /** Ministry-profile risk: the speed criteria a day's median failed on 3 or more of the last 7 days. */
  labRisk?: string[];
  grade: string | null;
  /** Rank among agencies of the same kind (1 = best score), and how many there are. */
  rank: number | null;
  of: number;
}

/** Summarises a week of daily aggregates (pure). */
export function summariseWeek(days: readonly DailyAggregate[]): Omit<WeekSummary, 'rank' | 'of' | 'grade'> {
  const statuses: Record<string, number> = {};
  for (const d of days) for (const [s, n] of Object.entries(d.statuses)) statuses[s] = (statuses[s] ?? 0) + (n ?? 0);
  const lcp = days.flatMap((d) => d.homeLcpMs);
  const ready = days.flatMap((d) => d.formReadyMs);
  const scores = days.flatMap((d) => d.scores);
  const last = days.at(-1);
  const failing = Object.keys(last?.failedChecks ?? {}).map((id) => ({
    id,
    days: days.filter((d) => (d.failedChecks[id] ?? 0) > 0).length,
  }));
  return {
    availability: availability(statuses),
    homeLcpMedianMs: quantile(lcp, 0.5),
    homeLcpP95Ms: quantile(lcp, 0.95),
    formReadyMedianMs: quantile(ready, 0.5),
    formReadyP95Ms: quantile(ready, 0.95),
    failingChecks: failing,
    causes: weekCauses(days),
    score: scores.length ? Math.round(quantile(scores, 0.5) ?? 0) : null,
  };
}

/** The week's causes, most rounds first; the wording of the latest day that named each. */
function weekCauses(days: readonly DailyAggregate[]): { text: string; rounds: number }[] {
  const m = new Map<string, { text: string; rounds: number }>();
  for (const d of days)
    for (const [k, c] of Object.entries(d.causes ?? {})) m.set(k, { text: c.text, rounds: (m.get(k)?.rounds ?? 0) + c.rounds });
  return [...m.values()].sort((a, b) => b.rounds - a.rounds).slice(0, 3);
}
