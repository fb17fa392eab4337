import { type Agency, evaluate, inMaintenance, monitorFailure, type Result } from '@dvcwatch/core';
import type { RunnerDeps } from './deps.js';
import { type ProbeAgencyOptions, probeAgency } from './probe-agency.js';
import { confirmFromVantages } from './vantages.js';

/** Hard ceiling for one agency's whole probe (both pages, confirmations, facts): the round never waits longer. */
export const agencyBudgetMs = (deps: RunnerDeps): number => {
  const p = deps.registry.probe;
  return (p.pageTimeoutMs + p.confirmDelayMs * 2) * (1 + p.confirmAttempts) * 2 + 90_000;
};

/**
 * Measures and judges one agency; never throws: a failure of the monitor itself becomes an `error` result.
 */
export async function measureAgency(deps: RunnerDeps, agency: Agency, at: string, probe: ProbeAgencyOptions): Promise<Result> {
  const ctx = { at, nationalHosts: deps.registry.nationalHosts, maintenance: inMaintenance(agency.maintenance, at) };
  let timer: NodeJS.Timeout | undefined;
  try {
    const budget = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`agency budget of ${agencyBudgetMs(deps)} ms exceeded`)), agencyBudgetMs(deps));
    });
    const artifacts = await Promise.race([probeAgency(agency, at, probe), budget]);
    clearTimeout(timer);
    // A `down` counts only once the other vantages looked too (core/vantage.ts); they have their own time limit.
    return await confirmFromVantages(deps, agency, evaluate(agency, artifacts, ctx), probe.prober);
  } catch (e) {
    deps.log.error('probe failed', { agencyId: agency.id, at, error: e instanceof Error ? e.message : String(e) });
    return monitorFailure(agency.id, ctx, e instanceof Error ? e.message : String(e), agency.portal.home);
  } finally {
    clearTimeout(timer);
  }
}
