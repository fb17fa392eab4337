/** An agency's alert state, one row per agency, advanced by the pure alert policy. */
export interface AlertState {
  agencyId: string;
  /** Consecutive breached rounds seen (reset by a clean round). */
  breachedRounds: number;
  /** Consecutive clean rounds seen while an incident is open. */
  cleanRounds: number;
  /** The first clean round of the current clean streak while an incident is open (when the portal came back). */
  cleanSince: string | null;
  /** The round time of the first breached round of the current streak. */
  streakSince: string | null;
  /** The open incident, if any. */
  incident: Incident | null;
  /** The last round applied, so a repeated round is not applied twice. */
  lastAt: string | null;
  /** Transitions decided but not yet confirmed sent: sent (once, by key) on the next pass if a send crashed. */
  pending: Transition[];
  /** Optimistic-locking version for the conditional write. */
  version: number;
}

export interface Incident {
  /** Stable id: `<agencyId>#<openedAt>`. */
  id: string;
  openedAt: string;
  /** When the problem started (first breached round). */
  since: string;
  /** Breaches and status at opening, for the email. */
  status: string;
  breaches: string[];
  lastNotifiedAt: string;
  reminders: number;
  escalated: boolean;
  resolvedAt: string | null;
  /** When the portal came back: the first of the clean rounds that resolved the incident. */
  recoveredAt?: string | null;
}

/** A transition that sends an email. `step` makes the send key unique: (agency, incident, step). */
export type TransitionKind = 'open' | 'remind' | 'escalate' | 'resolve';

export interface Transition {
  kind: TransitionKind;
  incident: Incident;
  /** e.g. `open`, `remind-3`, `escalate`, `resolve` */
  step: string;
  at: string;
}
