import { advanceHealth, assessOutage, asVantageOutage, type HealthEvent, type Result } from '@dvcwatch/core';
import { ConflictError } from '@dvcwatch/store';
import pLimit from 'p-limit';
import { sendPending, settleState } from './alert-agency.js';
import type { RunnerDeps } from './deps.js';
import { outageEmail } from './outage-email.js';

export interface RoundAlerts {
  /** The round's results as finally judged (a monitor-side outage turned into `error`/`vantage-outage`). */
  results: Result[];
  /** Agencies whose results the outage guard re-judged in this round. */
  outage: string[];
  /** Agencies whose settling failed (store or SES away); their transitions stay pending for the next pass. */
  failed: string[];
}

/** Agencies settled at once: each is a few reads and writes; SES sends are serialised by the mailer anyway. */
const SETTLE_CONCURRENCY = 8;

/**
 * Decides a round's alerts once, for the local round and the Lambda finalize alike: judges whether the round is
 * the monitor's own network outage (then every network-level failure becomes `error`/`vantage-outage`, stored
 * so, and only the operators hear of it, when it starts and when it ends), then settles every agency's final
 * result (day aggregate, alert state, emails). Idempotent: a second finalizer of the same round re-judges to the
 * same results, the alert states ignore a round already applied, and every email is keyed.
 */
export async function alertRound(
  deps: RunnerDeps,
  at: string,
  observed: readonly Result[],
  beforeMail: () => Promise<void> = async () => {},
): Promise<RoundAlerts> {
  const health = await deps.store.health.get();
  const assessment = assessOutage(health, observed, deps.registry.outage);
  const hit = new Set(assessment.affected);
  const results = observed.map((r) => (hit.has(r.agencyId) ? asVantageOutage(r) : r));
  for (const r of results.filter((r, i) => r !== observed[i])) await deps.store.rejudgeResult(r);
  if (assessment.outage)
    deps.log.warn('monitor-side outage: network failures not blamed on agencies', {
      at,
      failing: assessment.failing,
      candidates: assessment.candidates,
    });

  const byId = new Map(deps.registry.agencies.map((a) => [a.id, a]));
  const failed = new Set<string>();
  const fail = (agencyId: string) => (e: unknown) => {
    failed.add(agencyId);
    deps.log.error('could not settle the result; the next pass retries', { agencyId, at, error: String(e) });
  };
  const limit = pLimit(SETTLE_CONCURRENCY);
  // Every agency's day and alert state first; then the site (beforeMail); only then the emails, so nobody is told
  // of a portal before the site shows it. The pending transitions in the states are the outbox in between.
  const settled = await Promise.all(
    results.map((r) =>
      limit(async () => {
        const agency = byId.get(r.agencyId);
        if (!agency) return null;
        const state = await settleState(deps, agency, r).catch(fail(r.agencyId));
        return state ? { agency, state, result: r } : null;
      }),
    ),
  );
  await beforeMail();
  await Promise.all(
    settled.map((s) => (s ? limit(() => sendPending(deps, s.agency, s.state, s.result).catch(fail(s.agency.id))) : undefined)),
  );
  await advanceMonitorHealth(deps, at, results, assessment);
  return { results, outage: assessment.affected, failed: [...failed] };
}

async function advanceMonitorHealth(
  deps: RunnerDeps,
  at: string,
  results: readonly Result[],
  assessment: ReturnType<typeof assessOutage>,
): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const health = await deps.store.health.get();
    const [next, event] = advanceHealth(health, assessment, results, at);
    if (next === health) return;
    // Told before the record moves on: a crash in between repeats the same keyed email, never loses it.
    if (event) await tellOperators(deps, event, results.length);
    try {
      await deps.store.health.put(next);
      return;
    } catch (e) {
      // Another finalizer of this round advanced it first: re-read; it will find the round applied.
      if (!(e instanceof ConflictError)) throw e;
    }
  }
}

async function tellOperators(deps: RunnerDeps, event: HealthEvent, total: number): Promise<void> {
  if (deps.registry.operators.length === 0) return;
  const message = outageEmail(event, total, deps.registry)(deps.registry.operators);
  const outcome = await deps.mailer.send(
    { scope: 'ops', topic: `outage#${event.since}`, step: event.kind, kind: 'ops-outage' },
    message,
  );
  deps.log.warn('operators told of the monitor-side outage', { kind: event.kind, since: event.since, outcome });
}
