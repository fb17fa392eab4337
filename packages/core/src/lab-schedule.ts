import { checksSlot } from './facts-refresh.js';
import { vnParts } from './vi-format.js';

/**
 * When the ministry profile runs. Lighthouse costs ~12–15 s a page, so it runs a few times a day, not hourly:
 * spread over Vietnamese office hours (when citizens use the portals and the ministry's evaluators work, 08:00–17:00
 * Asia/Ho_Chi_Minh), one run in each equal part of the day, and staggered across agencies (each agency at its own
 * offset inside each part, from a hash of its id) so one hour never carries every agency's runs.
 */
export const LAB_OFFICE_HOURS = { start: 8, end: 17 } as const;

/** The Vietnamese hours (0–23) at which an agency's lab runs are due, `runsPerDay` of them, ascending. */
export function labHours(agencyId: string, runsPerDay: number): number[] {
  const span = LAB_OFFICE_HOURS.end - LAB_OFFICE_HOURS.start;
  const n = Math.max(0, Math.min(span, runsPerDay));
  if (n === 0) return [];
  const part = Math.floor(span / n);
  const offset = checksSlot(`lab:${agencyId}`, part);
  return Array.from({ length: n }, (_, k) => LAB_OFFICE_HOURS.start + k * part + offset);
}

/** Whether the round at `at` (on the hour, give or take five minutes) is one of the agency's lab hours. */
export function labDue(agencyId: string, at: string, runsPerDay: number): boolean {
  const vn = vnParts(new Date(Date.parse(at) + 5 * 60_000).toISOString());
  return vn !== null && labHours(agencyId, runsPerDay).includes(Number(vn.hour));
}
