import { type Agency, inMaintenance, monitorFailure, type Result, type Status, vnDay } from '@dvcwatch/core';
import type { RunnerDeps } from './deps.js';
import { finishResult } from './finish.js';
import { operatorsEmail } from './ops-email.js';

export interface RoundSummary {
  at: string;
  expected: number;
  results: number;
  /** Agencies that had no result by the deadline, recorded as `error`. */
  missing: string[];
  counts: Partial<Record<Status, number>>;
  /** Whether this call finished the round (only one caller does: it publishes). */
  finished: boolean;
}

/**
 * Ends a round: every expected agency without a result gets an `error` row (the monitor's failure, never the
 * agency's), so each agency has exactly one row per round; then the round is marked finished once, and the
 * operators hear about monitor errors and missing agencies.
 */
export async function finalizeRound(deps: RunnerDeps, at: string, nowIso: string): Promise<RoundSummary> {
  const round = await deps.store.getRound(at);
  const agencies = deps.registry.agencies.filter((a) => !round || round.expected.includes(a.id));
  const results: Result[] = [];
  const missing: string[] = [];
  for (const agency of agencies) {
    let r = await deps.store.getResult(agency.id, at);
    if (!r) {
      missing.push(agency.id);
      r = missingResult(agency, at);
      await finishResult(deps, agency, r);
    }
    results.push(r);
  }
  const counts: Partial<Record<Status, number>> = {};
  for (const r of results) counts[r.status] = (counts[r.status] ?? 0) + 1;
  const finished = round ? await deps.store.finishRound(at, nowIso) : true;
  const errors = results.filter((r) => r.status === 'error');
  if (finished && (errors.length > 0 || missing.length > 0) && deps.registry.operators.length > 0) {
    const message = operatorsEmail(at, errors, missing, results.length);
    // Missing results are news every round; the same agencies erroring again the same day are not: one email
    // per day per set of erroring agencies keeps the operators' inbox readable.
    const key = missing.length
      ? { topic: `round#${at}`, step: 'missing' }
      : {
          topic: `errors#${vnDay(at)}`,
          step: errors
            .map((r) => r.agencyId)
            .sort()
            .join(','),
        };
    const outcome = await deps.mailer.send({ scope: 'ops', ...key, kind: 'ops-round' }, message(deps.registry.operators));
    deps.log.warn('operators notified of monitor errors', { at, errors: errors.length, missing: missing.length, outcome });
  }
  return { at, expected: agencies.length, results: results.length, missing, counts, finished };
}

const missingResult = (agency: Agency, at: string): Result =>
  monitorFailure(
    agency.id,
    { at, nationalHosts: [], maintenance: inMaintenance(agency.maintenance, at) },
    'không có kết quả trước hạn chót của vòng đo (probe không hoàn thành)',
    agency.portal.home,
  );
