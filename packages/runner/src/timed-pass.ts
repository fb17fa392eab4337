import { type Agency, CLOSE_TIMEOUT_MS, confirmationPolicy } from '@dvcwatch/core';
import { DeadlineError, withTimeout } from '@dvcwatch/probe';
import { runAgencyPool } from './agency-pool.js';
import type { RunnerDeps } from './deps.js';
import { probeTimedPages, type TimedPages, type TimedPagesOptions } from './timed-pages.js';

/**
 * The local round's timed pass (issue 19): every agency's timed pages (home, form, their confirmations) first, then
 * the catalogues. Timed loads and gathering pages never share the CPU (the timing lane, probe/timing-lane.ts); when
 * they take turns agency by agency, each timed load waits for the gathering pages already open to close, and no
 * gathering page starts while a timed load runs or waits, so the cores idle on both sides of every turn. Taken in
 * two passes, the timed loads run back to back, then the catalogues at the round's whole concurrency.
 *
 * An agency whose result for this round is already stored is skipped (its job keeps it). One whose timed pages do
 * not finish within their worst case is left out: its job times it as before.
 */
export async function runTimedPass(
  deps: RunnerDeps,
  agencies: readonly Agency[],
  at: string,
  probe: TimedPagesOptions,
  concurrency: number,
  onStart?: (agency: Agency) => void,
): Promise<Map<string, TimedPages>> {
  const cfg = deps.registry.probe;
  const budgetMs = 2 * confirmationPolicy(cfg).pageWorstCaseMs(cfg.pageTimeoutMs, CLOSE_TIMEOUT_MS);
  const timed = new Map<string, TimedPages>();
  await runAgencyPool(agencies, concurrency, async (agency) => {
    const stored = await deps.store.getResult(agency.id, at).catch(() => null);
    if (stored) return;
    onStart?.(agency);
    try {
      timed.set(agency.id, await withTimeout(probeTimedPages(agency, at, probe), budgetMs, 'timed pages'));
    } catch (e) {
      const why = e instanceof DeadlineError ? 'timed pages past their worst case' : 'timed pass failed for an agency';
      deps.log.warn(`${why}: the agency job times them again`, { agencyId: agency.id, at, error: String(e) });
    }
  });
  return timed;
}
