import type { Result } from '@dvcwatch/core';

/** A timing fixture agency: its home page times TTFB or LCP at `homeD` ms, its form is ready after `formD` ms. */
export interface TimingAgency {
  id: string;
  home: 'ttfb' | 'lcp';
  homeD: number;
  formD: number;
}

/** What one round of `npm run bench:truth` shows against the truth. */
export interface RoundVerdict {
  timingInside: number;
  timingAll: number;
  /** Check verdicts on catalogue portals that are pass where fail was expected, or the reverse. */
  wrong: number;
  /** Share of the catalogue portals' check verdicts that are `unknown`. */
  unknownShare: number;
  upWithoutPaint: number;
  lines: string[];
}

/** Issue 19's truth windows: the value must lie in [truth − 5 ms, truth + window]. */
const WINDOW = { ttfb: 150, lcp: 400, ready: 400 } as const;

/**
 * Judges a round's results: timings of the timing fixtures against their injected delays, check verdicts of the
 * vendor-style portals against their variant, `up` rows without paint.
 */
export function judgeRound(
  results: readonly Result[],
  timing: readonly TimingAgency[],
  catalogue: readonly { id: string; variant: 'pass' | 'fail' }[],
): RoundVerdict {
  const byId = new Map(results.map((r) => [r.agencyId, r]));
  const lines: string[] = [];
  let inside = 0;
  let all = 0;
  for (const t of timing) {
    const r = byId.get(t.id);
    const home = r?.pages.home ?? null;
    const form = r?.pages.form ?? null;
    type Value = [string, number | null | undefined, number, number];
    const values: Value[] = [
      ['home TTFB', home?.ttfbMs, t.home === 'ttfb' ? t.homeD : 0, WINDOW.ttfb],
      ...(t.home === 'lcp' ? [['home LCP', home?.lcpMs, t.homeD, WINDOW.lcp] as Value] : []),
      ['form TTFB', form?.ttfbMs, 0, WINDOW.ttfb],
      ['form ready', form?.readyMs, t.formD, WINDOW.ready],
    ];
    const notes: string[] = [];
    for (const [what, v, d, w] of values) {
      all++;
      const ok = typeof v === 'number' && v >= d - 5 && v <= d + w;
      if (ok) inside++;
      notes.push(`${what} ${typeof v === 'number' ? v : '—'} in ${Math.max(0, d - 5)}–${d + w}${ok ? '' : ' OUTSIDE'}`);
    }
    const c = home?.conditions;
    const share = c ? ` [CPU share ${c.cpuShare}${c.contended ? ', contended' : ''}]` : '';
    lines.push(`${t.id}: ${r?.status ?? 'no result'}; ${notes.join('; ')}${share}`);
  }
  let wrong = 0;
  let unknown = 0;
  let judged = 0;
  const reasons = new Map<string, number>();
  for (const p of catalogue) {
    const r = byId.get(p.id);
    if (!r) {
      lines.push(`${p.id}: no result`);
      continue;
    }
    const bad: string[] = [];
    for (const c of r.checks) {
      judged++;
      if (c.status === 'unknown') {
        unknown++;
        const why = `${c.id}: ${c.evidence.slice(0, 80)}`;
        reasons.set(why, (reasons.get(why) ?? 0) + 1);
      } else if (c.status !== p.variant) {
        wrong++;
        bad.push(`${c.id} ${c.status} (${c.evidence.slice(0, 80)})`);
      }
    }
    if (bad.length) lines.push(`${p.id} (${r.status}): WRONG ${bad.join('; ')}`);
  }
  for (const [why, n] of reasons) lines.push(`unknown ×${n}: ${why}`);
  const upWithoutPaint = results.filter((r) => r.status === 'up' && (r.pages.home?.fcpMs == null || r.pages.home?.lcpMs == null));
  for (const r of upWithoutPaint) lines.push(`${r.agencyId}: up without FCP/LCP`);
  const statuses = new Map<string, number>();
  for (const r of results) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
  lines.push(`statuses: ${[...statuses].map(([s, n]) => `${s} ${n}`).join(', ')}; ${judged} check verdicts judged`);
  const earlier = results.flatMap((r) => r.retries ?? []);
  const overlapped = earlier.filter((p) => p.conditions?.overlapped).length;
  lines.push(`timed loads: ${earlier.length} earlier attempts kept, ${overlapped} of them timed again after another load's CPU`);
  return {
    timingInside: inside,
    timingAll: all,
    wrong,
    unknownShare: judged ? unknown / judged : 1,
    upWithoutPaint: upWithoutPaint.length,
    lines,
  };
}
