import {
  type Agency,
  availability,
  type DailyAggregate,
  dayMinus,
  type Incident,
  type LabDay,
  type LabRisk,
  type LabSummary,
  labRisks,
  labSummary,
  quantile,
  type Result,
  vnDay,
} from '@dvcwatch/core';
import { type SiteCheck, siteChecks } from './catalogue.js';
import { type Index766View, index766Views } from './index-766-model.js';
import { mergeSpans, type ReplaySpan, replaySpan } from './replay.js';
import type { RecentResult, SiteInput } from './types.js';

/** How far back the site looks (aggregates are kept 90 days). */
export const HISTORY_DAYS = 90;

/** One agency with everything its rows and pages show, computed once. */
export interface AgencyView {
  agency: Agency;
  latest: Result | null;
  /** Daily aggregates, oldest first. */
  days: DailyAggregate[];
  /** Raw recent results, oldest first. */
  recent: RecentResult[];
  /** Incidents, newest first. */
  incidents: Incident[];
  /** Up now, no breach, and every measured check passes. */
  allPass: boolean;
  availability7: number | null;
  homeLcp7: number | null;
  formReady7: number | null;
  /** Median score of the day one week before today. */
  lastWeekScore: number | null;
  /** Replayed (derived, not measured) rounds among the days shown, or null when all were measured. */
  replay: ReplaySpan | null;
  /** The ministry profile: the latest lab day's summary, and the criteria at risk over the last 7 days. */
  lab: { latest: LabSummary | null; day: string | null; risks: LabRisk[] };
  /** The agency's row of the latest QĐ 766 import, when the registry maps it (index766Id); shown beside, never blended. */
  index766: Index766View | null;
}

/** What every page is built from. */
export interface SiteModel {
  input: SiteInput;
  /** Today in Vietnam (`YYYY-MM-DD`), from `generatedAt`. */
  today: string;
  /** The last HISTORY_DAYS days ending today, oldest first (computed once: date arithmetic is not free). */
  lastDays: string[];
  checks: SiteCheck[];
  /** All agencies, best score first. */
  ranked: AgencyView[];
  byId: Map<string, AgencyView>;
  /** Replayed rounds anywhere in the site's data, or null. */
  replay: ReplaySpan | null;
}

const groupBy = <T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> => {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = m.get(k);
    if (list) list.push(x);
    else m.set(k, [x]);
  }
  return m;
};

/** Best score first, agencies without a score last; ties by name (Vietnamese collation). */
export const byScore = (score: (v: AgencyView) => number | null) => (a: AgencyView, b: AgencyView) => {
  const sa = score(a);
  const sb = score(b);
  if (sa !== sb) return sb === null ? -1 : sa === null ? 1 : sb - sa;
  return a.agency.name.localeCompare(b.agency.name, 'vi');
};

/** Competition ranks (1, 1, 3) by a score; agencies without a score get no rank. */
export function ranks(views: readonly AgencyView[], score: (v: AgencyView) => number | null): Map<string, number> {
  const sorted = views.filter((v) => score(v) !== null).sort(byScore(score));
  const out = new Map<string, number>();
  sorted.forEach((v, i) => {
    const prev = sorted[i - 1];
    const prevRank = prev ? out.get(prev.agency.id) : undefined;
    out.set(v.agency.id, prev && prevRank !== undefined && score(prev) === score(v) ? prevRank : i + 1);
  });
  return out;
}

/** Whether a result meets every criterion that was measured. */
export const meetsAll = (r: Result | null): boolean =>
  r !== null && r.status === 'up' && r.breaches.length === 0 && r.checks.every((c) => c.status !== 'fail');

const labView = (days: LabDay[], today: string): AgencyView['lab'] => {
  const last = [...days]
    .filter((d) => d.day <= today && d.runs.length > 0)
    .sort((a, b) => (a.day < b.day ? -1 : 1))
    .at(-1);
  return { latest: labSummary(last ?? null), day: last?.day ?? null, risks: labRisks(days, today) };
};

/** Builds the model: groups inputs by agency once (linear in the input size). */
export function buildModel(input: SiteInput): SiteModel {
  const today = vnDay(input.generatedAt);
  const weekStart = dayMinus(today, 6);
  const lastWeek = dayMinus(today, 7);
  const latest = new Map(input.latest.map((r) => [r.agencyId, r]));
  const daily = groupBy(input.daily, (d) => d.agencyId);
  const recent = groupBy(input.recent, (r) => r.agencyId);
  const incidents = groupBy(input.incidents, (i) => i.agencyId);
  const labDays = groupBy(input.lab ?? [], (d) => d.agencyId);
  const index766 = index766Views(input.index766);
  const views = input.registry.agencies.map((agency): AgencyView => {
    const days = [...(daily.get(agency.id) ?? [])].sort((a, b) => (a.day < b.day ? -1 : 1));
    const week = days.filter((d) => d.day >= weekStart && d.day <= today);
    const statuses: Record<string, number> = {};
    for (const d of week) for (const [s, n] of Object.entries(d.statuses)) statuses[s] = (statuses[s] ?? 0) + (n ?? 0);
    const r = latest.get(agency.id) ?? null;
    const lw = days.find((d) => d.day === lastWeek);
    return {
      agency,
      latest: r,
      days,
      recent: [...(recent.get(agency.id) ?? [])].sort((a, b) => (a.at < b.at ? -1 : 1)),
      incidents: [...(incidents.get(agency.id) ?? [])].sort((a, b) => (a.openedAt < b.openedAt ? 1 : -1)),
      allPass: meetsAll(r),
      availability7: availability(statuses),
      homeLcp7: quantile(
        week.flatMap((d) => d.homeLcpMs),
        0.5,
      ),
      formReady7: quantile(
        week.flatMap((d) => d.formReadyMs),
        0.5,
      ),
      lastWeekScore: lw ? quantile(lw.scores, 0.5) : null,
      replay: replaySpan(days),
      lab: labView(labDays.get(agency.id) ?? [], today),
      index766: index766.get(agency.id) ?? null,
    };
  });
  const ranked = views.sort(byScore((v) => v.latest?.score ?? null));
  return {
    input,
    today,
    lastDays: Array.from({ length: HISTORY_DAYS }, (_, i) => dayMinus(today, HISTORY_DAYS - 1 - i)),
    checks: siteChecks(input.latest),
    ranked,
    byId: new Map(ranked.map((v) => [v.agency.id, v])),
    replay: mergeSpans(ranked.map((v) => v.replay)),
  };
}
