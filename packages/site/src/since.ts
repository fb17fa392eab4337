import { dayMinus, viDateTime, viDay, vnDay } from '@dvcwatch/core';

import type { AgencyView } from './model.js';

/** When the current failing run of a check began: an exact round (from recent results) or a day (from aggregates). */
export interface FailingSince {
  at: string | null;
  day: string | null;
  /** True when the run goes back further than the data: "at least since". */
  atLeast: boolean;
}

/**
 * The start of the current failing run of `checkId`, or null if the check does not fail now. Recent results
 * give the exact round when the run began inside them; otherwise the daily aggregates are walked back day by
 * day while the check failed in some round of that day (a day without data ends the walk).
 */
export function failingSince(v: AgencyView, checkId: string): FailingSince | null {
  const now = v.latest?.checks.find((c) => c.id === checkId);
  if (!v.latest || now?.status !== 'fail') return null;
  let runStart: string | null = null;
  let ended = false;
  for (let i = v.recent.length - 1; i >= 0; i--) {
    const r = v.recent[i];
    if (!r || r.at > v.latest.at) continue;
    const s = r.checks.find((c) => c.id === checkId)?.status;
    if (s === 'fail') runStart = r.at;
    else if (s === 'pass') {
      ended = true;
      break;
    }
  }
  if (ended && runStart) return { at: runStart, day: null, atLeast: false };
  const byDay = new Map(v.days.map((d) => [d.day, d]));
  let day = vnDay(runStart ?? v.latest.at);
  let first: string | null = null;
  for (let k = 0; k < 400; k++) {
    const agg = byDay.get(day);
    if (!agg || !((agg.failedChecks[checkId] ?? 0) > 0)) break;
    first = day;
    day = dayMinus(day, 1);
  }
  const start = runStart ?? v.latest.at;
  if (first && first < vnDay(start)) return { at: null, day: first, atLeast: byDay.has(dayMinus(first, 1)) === false };
  return { at: start, day: null, atLeast: true };
}

/** "từ 12/05/2025 08:00" / "ít nhất từ ngày 12/05/2025". */
export function sinceText(s: FailingSince): string {
  const when = s.at ? viDateTime(s.at) : s.day ? `ngày ${viDay(s.day)}` : '?';
  return `${s.atLeast ? 'ít nhất từ' : 'từ'} ${when}`;
}
