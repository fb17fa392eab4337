import type { Agency, Result } from '@dvcwatch/core';
import type { RunnerDeps } from './deps.js';
import { warnAnd } from './log.js';
import type { ProbeAgencyOptions } from './probe-agency.js';
import { measureAgency } from './run-agency.js';

export interface AgencyJobOptions {
  /** Upper bound on the probing (on Lambda: the invocation's remaining time less the recording margin). */
  capMs?: number;
  /** Locally a store that cannot be read must not cost the measurement (the result is spooled); on Lambda it fails the job. */
  measureWhenStoreUnreadable?: boolean;
}

/** What one agency job did. */
export interface AgencyJobOutcome<T> {
  result: Result;
  /** False when a result for this round was already stored (a redelivered job, an overlapping round): kept as is. */
  measured: boolean;
  recorded: T;
}

/**
 * The agency job, the same in the local round (runner/round.ts) and in the probe Lambda (functions/probe.ts):
 * keep the result already stored for this agency and round, or measure; then record it with `record`.
 */
export async function agencyJob<T>(
  deps: RunnerDeps,
  agency: Agency,
  at: string,
  probe: ProbeAgencyOptions,
  record: (result: Result) => Promise<T>,
  o: AgencyJobOptions = {},
): Promise<AgencyJobOutcome<T>> {
  const read = deps.store.getResult(agency.id, at);
  const existing = o.measureWhenStoreUnreadable
    ? await read.catch(
        warnAnd(deps.log, 'store unreadable: the agency is measured (no earlier result seen)', { agencyId: agency.id, at }, null),
      )
    : await read;
  const result = existing ?? (await measureAgency(deps, agency, at, probe, o.capMs));
  return { result, measured: !existing, recorded: await record(result) };
}
