import { type Agency, awaitsVantages, inMaintenance, monitorFailure, type Result, type Status, vnDay } from '@dvcwatch/core';
import pLimit from 'p-limit';
import type { RunnerDeps } from './deps.js';
import { recordResult } from './finish.js';
import { operatorsEmail, rejectionsEmail } from './ops-email.js';
import { alertRound } from './round-alerts.js';
import { resolveVantages } from './vantages.js';

/** Result reads in flight at once while finalizing (each a GetItem). */
const READ_CONCURRENCY = 16;

export interface RoundSummary {
  at: string;
  expected: number;
  results: number;
  /** Agencies that had no result by the deadline, recorded as `error`. */
  missing: string[];
  counts: Partial<Record<Status, number>>;
  /** Whether this call finished the round (only one caller does: it publishes). */
  finished: boolean;
  /** Agencies whose network failures this round were the monitor's own outage (never blamed on them). */
  outage?: string[];
  /**
   * Agencies still waiting for an agent vantage: the round's alerts were not decided by this call (the deadline's
   * finalize, or a later one once every vantage has answered, decides them).
   */
  awaiting?: string[];
}

export interface FinalizeOptions {
  /**
   * Before the round's deadline (finalize invoked by the last probe, or by an agent that answered): the alerts wait
   * while some `down` still waits for an agent vantage. At the deadline (false): decided with what is there.
   */
  waitForVantages?: boolean;
  /** Publishes the site; called by the call that finishes the round, after the alert states and before any email. */
  publish?: () => Promise<void>;
}

/**
 * Ends a round: every expected agency without a result gets an `error` row (the monitor's failure, never the
 * agency's), so each agency has exactly one row per round; then the round's alerts are decided once
 * (round-alerts.ts: the outage guard, day aggregates, alert states, emails), the round is marked finished once,
 * and the operators hear about monitor errors, missing agencies and emails SES refused. Safe to run twice for one
 * round (the probe that finished last and the deadline schedule): every step is idempotent.
 */
export async function finalizeRound(
  deps: RunnerDeps,
  at: string,
  nowIso: string,
  o: FinalizeOptions = {},
): Promise<RoundSummary> {
  const round = await deps.store.getRound(at);
  const agencies = deps.registry.agencies.filter((a) => !round || round.expected.includes(a.id));
  const absent = new Set<string>();
  // Reads side by side (1,000 agencies one after another would take seconds); the order stays the registry's.
  const limit = pLimit(READ_CONCURRENCY);
  const observed: Result[] = await Promise.all(
    agencies.map((agency) =>
      limit(async () => {
        const r = await deps.store.getResult(agency.id, at);
        if (r) return r;
        absent.add(agency.id);
        return (await recordResult(deps, agency, missingResult(agency, at))).result;
      }),
    ),
  );
  const missing = agencies.filter((a) => absent.has(a.id)).map((a) => a.id);
  // What the agent vantages saw settles the round's unconfirmed `down` rows before the alerts are decided; once
  // the round is finished (its alerts decided), a late observation changes nothing any more.
  const resolved = round?.finishedAt ? observed : await resolveVantages(deps, at, observed);
  const awaiting = resolved.filter(awaitsVantages).map((r) => r.agencyId);
  if (o.waitForVantages && !round?.finishedAt && awaiting.length > 0) {
    deps.log.info('alerts wait for the agent vantages', { at, awaiting });
    return {
      at,
      expected: agencies.length,
      results: resolved.length,
      missing,
      counts: countOf(resolved),
      finished: false,
      awaiting,
    };
  }
  let finished = false;
  const { results, outage } = await alertRound(deps, at, resolved, async () => {
    finished = round ? await deps.store.finishRound(at, nowIso) : true;
    if (finished) await o.publish?.();
  });
  const counts = countOf(results);
  if (finished) {
    // The operators' emails never stop a round from finishing or its site from being published.
    const warn = (what: string) => (e: unknown) => deps.log.error(`operators' email not sent: ${what}`, { at, error: String(e) });
    await reportErrors(deps, at, results, missing).catch(warn('errors'));
    await reportRejections(deps, nowIso).catch(warn('rejections'));
  }
  return { at, expected: agencies.length, results: results.length, missing, counts, finished, outage };
}

async function reportErrors(deps: RunnerDeps, at: string, results: Result[], missing: string[]): Promise<void> {
  // The monitor-side outage has its own start and end emails (round-alerts.ts).
  const errors = results.filter((r) => r.status === 'error' && r.reason !== 'vantage-outage');
  if ((errors.length === 0 && missing.length === 0) || deps.registry.operators.length === 0) return;
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

/**
 * Once a Vietnamese day: the emails SES refused for good in the last 24 hours (by the clock: refusals happen when
 * a send is tried, whatever round it belongs to), so nobody believes a head was told.
 */
async function reportRejections(deps: RunnerDeps, nowIso: string): Promise<void> {
  if (deps.registry.operators.length === 0) return;
  const at = nowIso;
  const since = new Date(Date.parse(at) - 24 * 3_600_000).toISOString();
  const rejections = (await deps.sends.rejections(since, at)).filter((r) => r.scope !== 'ops' || r.kind !== 'ops-rejections');
  if (rejections.length === 0) return;
  const outcome = await deps.mailer.send(
    { scope: 'ops', topic: `rejections#${vnDay(at)}`, step: 'daily', kind: 'ops-rejections' },
    rejectionsEmail(at, rejections)(deps.registry.operators),
  );
  deps.log.warn('operators told of emails SES refused', { at, rejections: rejections.length, outcome });
}

const countOf = (results: readonly Result[]): Partial<Record<Status, number>> => {
  const counts: Partial<Record<Status, number>> = {};
  for (const r of results) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
};

const missingResult = (agency: Agency, at: string): Result =>
  monitorFailure(
    agency.id,
    { at, nationalHosts: [], maintenance: inMaintenance(agency.maintenance, at) },
    'không có kết quả trước hạn chót của vòng đo (probe không hoàn thành)',
    agency.portal.home,
  );
