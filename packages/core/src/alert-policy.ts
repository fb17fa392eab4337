import type { AlertState, Incident, Transition } from './incident.js';
import type { Result } from './result.js';
import type { AlertSettings } from './thresholds.js';

/** How a round counts for alerting. `neutral` rounds neither confirm nor clear an incident. */
export type RoundVerdict = 'breached' | 'clean' | 'neutral';

/**
 * A round breaches when the portal is down or below threshold. `blocked` (a firewall), `consolidated` (moved to
 * the national portal) and `error` (our own failure) are never the head's problem, and a maintenance window
 * suspends judgement: all of them are neutral.
 */
export function verdictOf(result: Pick<Result, 'status' | 'maintenance'>): RoundVerdict {
  if (result.maintenance) return 'neutral';
  if (result.status === 'down' || result.status === 'degraded') return 'breached';
  if (result.status === 'up') return 'clean';
  return 'neutral';
}

/** The state of an agency never seen before. */
export const initialState = (agencyId: string): AlertState => ({
  agencyId,
  breachedRounds: 0,
  cleanRounds: 0,
  cleanSince: null,
  streakSince: null,
  incident: null,
  lastAt: null,
  pending: [],
  version: 0,
});

const hoursBetween = (from: string, to: string): number => (Date.parse(to) - Date.parse(from)) / 3_600_000;

/**
 * The alert state machine: (state, result, policy) → [state, transition | null]. Pure: no clock, no I/O.
 * Opens an incident after `confirmRounds` consecutive breached rounds, reminds every `remindEveryHours` while
 * open, escalates once after `escalateAfterHours`, and resolves after `recoverRounds` consecutive clean rounds.
 * A round at or before `lastAt` is ignored, so a retried or replayed round cannot advance the state twice.
 */
export function advance(state: AlertState, result: Result, policy: AlertSettings): [AlertState, Transition | null] {
  if (state.lastAt !== null && Date.parse(result.at) <= Date.parse(state.lastAt)) return [state, null];
  const at = result.at;
  const base = { ...state, lastAt: at, version: state.version + 1 };
  const verdict = verdictOf(result);
  if (verdict === 'neutral') return [base, null];

  if (verdict === 'clean') {
    const next = { ...base, breachedRounds: 0, streakSince: null };
    if (!state.incident) return [{ ...next, cleanRounds: 0, cleanSince: null }, null];
    const cleanRounds = state.cleanRounds + 1;
    const cleanSince = state.cleanSince ?? at;
    if (cleanRounds < policy.recoverRounds) return [{ ...next, cleanRounds, cleanSince }, null];
    const incident: Incident = { ...state.incident, resolvedAt: at, recoveredAt: cleanSince };
    return [
      { ...next, cleanRounds: 0, cleanSince: null, incident: null },
      { kind: 'resolve', incident, step: 'resolve', at },
    ];
  }

  const breachedRounds = state.breachedRounds + 1;
  const streakSince = state.streakSince ?? at;
  const next = { ...base, breachedRounds, streakSince, cleanRounds: 0, cleanSince: null };
  const open = state.incident;
  if (!open) {
    if (breachedRounds < policy.confirmRounds) return [next, null];
    const incident: Incident = {
      id: `${result.agencyId}#${at}`,
      openedAt: at,
      since: streakSince,
      status: result.status,
      breaches: result.breaches,
      lastNotifiedAt: at,
      reminders: 0,
      escalated: false,
      resolvedAt: null,
    };
    return [
      { ...next, incident },
      { kind: 'open', incident, step: 'open', at },
    ];
  }
  if (!open.escalated && hoursBetween(open.openedAt, at) >= policy.escalateAfterHours) {
    const incident = { ...open, escalated: true, lastNotifiedAt: at, status: result.status, breaches: result.breaches };
    return [
      { ...next, incident },
      { kind: 'escalate', incident, step: 'escalate', at },
    ];
  }
  if (hoursBetween(open.lastNotifiedAt, at) >= policy.remindEveryHours) {
    const reminders = open.reminders + 1;
    const incident = { ...open, reminders, lastNotifiedAt: at, status: result.status, breaches: result.breaches };
    return [
      { ...next, incident },
      { kind: 'remind', incident, step: `remind-${reminders}`, at },
    ];
  }
  return [{ ...next, incident: { ...open, status: result.status, breaches: result.breaches } }, null];
}
