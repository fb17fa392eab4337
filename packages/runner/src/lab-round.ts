import { type Agency, type LabDay, type LabRun, type LabSummary, labDue, labSummary, vnDay } from '@dvcwatch/core';
import type { LabRunner } from '@dvcwatch/probe/lab';
import type { RunnerDeps } from './deps.js';
import { warnAnd } from './log.js';

/** How a round runs the ministry profile: every agency now (`round --lab`), or those whose hour it is. */
export interface LabRoundOptions {
  runner: LabRunner;
  mode: 'force' | 'schedule';
  /** Lighthouse runs per page in this round (default 1; the day's median gathers the runs of the day). */
  runs?: number;
  onAgency?: (agencyId: string, summary: LabSummary | null) => void;
  /** Whether there is time to start another agency (a Lambda's remaining time); default: always. */
  hasTime?: () => boolean;
}

/**
 * Runs the ministry profile on each due agency's home and form pages, one page at a time (Lighthouse's simulated
 * throttling assumes it has the CPU to itself, so it never runs beside the hourly probes), appends every run to the
 * agency's lab day in the store, and returns each agency's day summary. Never throws: a page that fails is a run
 * without numbers (its reason kept); a store that fails costs the stored run, not the round.
 */
export async function runLabPhase(
  deps: RunnerDeps,
  o: LabRoundOptions,
  agencies: readonly Agency[],
  at: string,
): Promise<Map<string, LabSummary | null>> {
  const out = new Map<string, LabSummary | null>();
  const perDay = deps.registry.probe.labRunsPerDay;
  const day = vnDay(at);
  for (const agency of agencies) {
    if (o.mode === 'schedule' && !labDue(agency.id, at, perDay)) continue;
    if (o.hasTime && !o.hasTime()) {
      deps.log.warn('lab: no time left for this agency this hour', { agencyId: agency.id, at });
      continue;
    }
    const pages: ['home' | 'form', string][] = [['home', agency.portal.home]];
    if (agency.portal.form) pages.push(['form', agency.portal.form]);
    let stored: LabDay | null = await deps.store.labDays
      .get(agency.id, day)
      .catch(warnAnd(deps.log, 'lab day unreadable: measured as the first run today', { agencyId: agency.id, day }, null));
    const local: LabRun[] = [];
    for (let i = 0; i < Math.max(1, o.runs ?? 1); i++)
      for (const [page, url] of pages) {
        const run = await o.runner.run(url, page);
        local.push(run);
        stored = await deps.store.labDays.add(agency.id, day, run).catch((e: unknown) => {
          deps.log.warn('could not store a lab run', { agencyId: agency.id, error: String(e) });
          return stored;
        });
      }
    // The stored day when the store took every run; else at least this round's runs.
    const runs = stored && local.every((r) => stored?.runs.some((s) => s.at === r.at && s.page === r.page)) ? stored : null;
    const summary = labSummary(runs ?? { agencyId: agency.id, day, runs: local });
    out.set(agency.id, summary);
    o.onAgency?.(agency.id, summary);
  }
  return out;
}
