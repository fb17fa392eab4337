import {
  type Agency,
  agencyWorstCaseMs,
  evaluate,
  inMaintenance,
  monitorFailure,
  RECORD_MARGIN_MS,
  type Result,
} from '@dvcwatch/core';
import type { RunnerDeps } from './deps.js';
import { type ProbeAgencyOptions, probeAgency } from './probe-agency.js';
import { confirmFromVantages } from './vantages.js';

/**
 * Hard ceiling for one agency's probing (both pages, confirmations, catalogue): the worst case of the registry's
 * probe settings (core/probe-budget.ts, which also sizes the probe Lambda) without the recording margin, and never
 * beyond `capMs` (on Lambda: the invocation's remaining time, so an `error` result is still recorded in time).
 */
export const agencyBudgetMs = (deps: RunnerDeps, capMs = Number.POSITIVE_INFINITY): number =>
  Math.max(1_000, Math.min(agencyWorstCaseMs(deps.registry.probe) - RECORD_MARGIN_MS, capMs));

/**
 * Measures and judges one agency; never throws: a failure of the monitor itself becomes an `error` result.
 */
export async function measureAgency(
  deps: RunnerDeps,
  agency: Agency,
  at: string,
  probe: ProbeAgencyOptions,
  capMs?: number,
): Promise<Result> {
  const ctx = { at, nationalHosts: deps.registry.nationalHosts, maintenance: inMaintenance(agency.maintenance, at) };
  const budgetMs = agencyBudgetMs(deps, capMs);
  // The agent vantages may be waited for until the invocation's own limit (capMs counts from here).
  const untilMs = Date.now() + (capMs ?? Number.POSITIVE_INFINITY);
  let timer: NodeJS.Timeout | undefined;
  try {
    const budget = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`agency budget of ${budgetMs} ms exceeded`)), budgetMs);
    });
    const artifacts = await Promise.race([probeAgency(agency, at, { log: deps.log, ...probe }), budget]);
    clearTimeout(timer);
    // A `down` counts only once the other vantages looked too (core/vantage.ts); they have their own time limit.
    return await confirmFromVantages(deps, agency, evaluate(agency, artifacts, ctx), probe.prober, untilMs);
  } catch (e) {
    deps.log.error('probe failed', { agencyId: agency.id, at, error: e instanceof Error ? e.message : String(e) });
    return monitorFailure(agency.id, ctx, e instanceof Error ? e.message : String(e), agency.portal.home);
  } finally {
    clearTimeout(timer);
  }
}
