import { type Agency, type AlertState, advance, initialState, type Result, type Transition } from '@dvcwatch/core';
import { alertEmail } from '@dvcwatch/present';
import { ConflictError } from '@dvcwatch/store';
import type { RunnerDeps } from './deps.js';
import { skipPlaceholderHead } from './placeholder-head.js';

export interface SettleOutcome {
  transitions: Transition[];
  emails: { step: string; outcome: string }[];
}

/**
 * Settles one agency's final result for its round: adds it to the day's aggregate, advances the alert state with
 * a conditional write, then sends the emails of the decided transitions (each keyed, so a retry never sends twice;
 * an email SES refuses for good is recorded `rejected`; a failed one stays pending for the next pass).
 */
export async function settleResult(deps: RunnerDeps, agency: Agency, result: Result): Promise<SettleOutcome> {
  const state = await settleState(deps, agency, result);
  const emails = await sendPending(deps, agency, state, result);
  return { transitions: state.pending, emails };
}

/**
 * The first half of settling, with no email: the day's aggregate, then the alert state advanced (its transitions
 * kept `pending` in the state, the outbox `sendPending` empties). A round publishes its site between the halves.
 */
export async function settleState(deps: RunnerDeps, agency: Agency, result: Result): Promise<AlertState> {
  await deps.store.addToDay(result);
  return advanceState(deps, agency, result);
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
      // Two finalizers of one round (last probe and deadline), or overlapping rounds: re-read and apply on top.
      if (!(e instanceof ConflictError) || attempt >= 5) throw e;
    }
  }
}

/** The second half: the emails of the state's pending transitions, each keyed; sent or queued ones are cleared. */
export async function sendPending(
  deps: RunnerDeps,
  agency: Agency,
  state: AlertState,
  result: Result,
): Promise<SettleOutcome['emails']> {
  const out: SettleOutcome['emails'] = [];
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
    const key = { scope: agency.id, topic: t.incident.id, step: t.step, kind: t.kind };
    const skipped = await skipPlaceholderHead(deps, agency, key, message).catch((e: unknown) => {
      deps.log.error('placeholder head not recorded; kept for the next round', { agencyId: agency.id, error: String(e) });
      return null;
    });
    if (skipped !== false) {
      out.push({ step: t.step, outcome: skipped ? 'placeholder' : 'failed' });
      continue;
    }
    const outcome = await deps.mailer.send(key, message).catch((e: unknown) => {
      // SES still failing after the mailer's retries: the transition stays pending and the next pass sends it.
      deps.log.error('alert email not sent; kept for the next round', { agencyId: agency.id, step: t.step, error: String(e) });
      return 'failed' as const;
    });
    deps.log.info('alert email', { agencyId: agency.id, step: t.step, incident: t.incident.id, outcome });
    out.push({ step: t.step, outcome });
  }
  // `busy`: another worker holds the claim and may die before SES; `failed`: SES did not take it. Both stay pending.
  const settled = state.pending.filter((_, i) => out[i]?.outcome !== 'busy' && out[i]?.outcome !== 'failed');
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
