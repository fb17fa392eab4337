import { type Agency, type AlertState, advance, alertEmail, initialState, type Result, type Transition } from '@dvcwatch/core';
import { ConflictError } from '@dvcwatch/store';
import type { RunnerDeps } from './deps.js';

export interface FinishOutcome {
  /** False when a result for this agency and round was already stored (a retry): the stored one is kept. */
  stored: boolean;
  transitions: Transition[];
  emails: { step: string; outcome: string }[];
}

/**
 * Completes one agency's round: stores the result (first one wins), adds it to the day's aggregate, marks the
 * agency done in the round, advances the alert state with a conditional write, then sends the emails of the
 * decided transitions (each keyed, so a retry never sends twice). Safe to call again after a crash at any step.
 */
export async function finishResult(deps: RunnerDeps, agency: Agency, result: Result): Promise<FinishOutcome> {
  const stored = await deps.store.putResult(result);
  const effective = stored ? result : ((await deps.store.getResult(result.agencyId, result.at)) ?? result);
  await deps.store.addToDay(effective);
  await deps.store.markDone(effective.at, agency.id).catch((e: unknown) => {
    // A replayed or manual result may have no round record; that is not an error.
    if (!(e instanceof Error && /conditional/i.test(e.message))) throw e;
  });
  const state = await advanceState(deps, agency, effective);
  const emails = await sendPending(deps, agency, state, effective);
  return { stored, transitions: state.pending, emails };
}

async function advanceState(deps: RunnerDeps, agency: Agency, result: Result): Promise<AlertState> {
  for (let attempt = 0; ; attempt++) {
    const current = await deps.store.getAlertState(agency.id);
    const before = current ?? initialState(agency.id);
    const [next, transition] = advance(before, result, agency.alerts);
    if (next === before) return before;
    const withPending = transition ? { ...next, pending: [...before.pending, transition] } : next;
    try {
      await deps.store.putAlertState(withPending, current ? current.version : null);
      if (transition) await deps.store.putIncident(agency.id, transition.incident);
      return withPending;
    } catch (e) {
      // Two overlapping rounds (the hourly one and a manual one): re-read and apply on top of the winner.
      if (!(e instanceof ConflictError) || attempt >= 5) throw e;
    }
  }
}

async function sendPending(
  deps: RunnerDeps,
  agency: Agency,
  state: AlertState,
  result: Result,
): Promise<FinishOutcome['emails']> {
  const out: FinishOutcome['emails'] = [];
  for (const t of state.pending) {
    const recent = await deps.store.results(agency.id, new Date(Date.parse(t.at) - 24 * 3_600_000).toISOString(), t.at);
    const shot = result.pages.home?.screenshot ?? null;
    const message = alertEmail({
      transition: t,
      agency,
      result: recent.find((r) => r.at === t.at) ?? result,
      recent,
      siteUrl: deps.registry.siteUrl,
      evidenceUrl: shot ? deps.evidenceUrl(shot) : null,
      contacts: deps.registry.operators,
    });
    const outcome = await deps.mailer.send({ scope: agency.id, topic: t.incident.id, step: t.step, kind: t.kind }, message);
    deps.log.info('alert email', { agencyId: agency.id, step: t.step, incident: t.incident.id, outcome });
    out.push({ step: t.step, outcome });
  }
  // `busy`: another worker holds the claim and may die before SES; keep it pending so a later pass retries it.
  const settled = state.pending.filter((_, i) => out[i]?.outcome !== 'busy');
  if (settled.length > 0) await clearPending(deps, agency.id, settled);
  return out;
}

/** Removes sent transitions from the state (conditional; a lost race leaves them for the next pass, which dedups by key). */
async function clearPending(deps: RunnerDeps, agencyId: string, sent: Transition[]): Promise<void> {
  const current = await deps.store.getAlertState(agencyId);
  if (!current) return;
  const keep = current.pending.filter((p) => !sent.some((s) => s.incident.id === p.incident.id && s.step === p.step));
  await deps.store
    .putAlertState({ ...current, pending: keep, version: current.version + 1 }, current.version)
    .catch((e: unknown) => {
      if (!(e instanceof ConflictError)) throw e;
    });
}
