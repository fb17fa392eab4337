import { availability, STATUSES, type Status } from '@dvcwatch/core';
import type { AgencyView, SiteModel } from './model.js';

/** A status filter key: a status, or `none` for agencies without a result. */
export type StatusKey = Status | 'none';

export const statusKey = (v: AgencyView): StatusKey => v.latest?.status ?? 'none';

/** How many agencies have each status in the latest round, in the taxonomy's order (only statuses present). */
export function statusCounts(views: readonly AgencyView[]): { key: StatusKey; count: number }[] {
  const counts = new Map<StatusKey, number>();
  for (const v of views) counts.set(statusKey(v), (counts.get(statusKey(v)) ?? 0) + 1);
  return ([...STATUSES, 'none'] as StatusKey[]).filter((k) => counts.has(k)).map((key) => ({ key, count: counts.get(key) ?? 0 }));
}

/** The worst statuses first: what a coordinator must see before the rest. */
const SEVERITY: Record<StatusKey, number> = { down: 0, blocked: 1, degraded: 2, error: 3, none: 4, consolidated: 5, up: 6 };
export const bySeverity = (a: AgencyView, b: AgencyView): number => SEVERITY[statusKey(a)] - SEVERITY[statusKey(b)];

/** One day of a sparkline: the day and its availability (null without rounds). */
export interface SparkDay {
  day: string;
  availability: number | null;
}

/** The last 7 days' availability of an agency, oldest first. */
export function lastWeek(m: SiteModel, v: AgencyView): SparkDay[] {
  const byDay = new Map(v.days.map((d) => [d.day, d]));
  return m.lastDays.slice(-7).map((day) => {
    const d = byDay.get(day);
    return { day, availability: d ? availability(d.statuses) : null };
  });
}
