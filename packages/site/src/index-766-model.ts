import type { Index766Import, Index766Score } from '@dvcwatch/core';

/** The QĐ 766 figures one agency page shows: its row of the latest import, with that import's period and time. */
export interface Index766View {
  score: Index766Score;
  period: string;
  fetchedAt: string;
  /** Units in the import (the rank's denominator). */
  units: number;
}

/** Each mapped agency's row of the import, by agency id (agencies the import does not map have none). */
export function index766Views(imported: Index766Import | null | undefined): Map<string, Index766View> {
  const out = new Map<string, Index766View>();
  if (!imported) return out;
  const byUnit = new Map(imported.rows.map((r) => [r.unitId, r]));
  for (const [agencyId, unitId] of Object.entries(imported.matched)) {
    const score = byUnit.get(unitId);
    if (score) out.set(agencyId, { score, period: imported.period, fetchedAt: imported.fetchedAt, units: imported.rows.length });
  }
  return out;
}

/** One dot of the scatter: dvcwatch's score against the QĐ 766 total. */
export interface ScatterPoint {
  id: string;
  label: string;
  x: number;
  y: number;
  href: string;
}
