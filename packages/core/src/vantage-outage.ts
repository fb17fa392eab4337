import type { Reason, Result } from './result.js';

/**
 * When a round is the monitor's outage rather than the agencies'. The probes run abroad (AWS ap-southeast-1):
 * a submarine-cable fault between Singapore and Vietnam, a regional incident or the probe's own network failing
 * makes most portals fail together, and GSA's scans of all US federal sites found most day-to-day status changes
 * were scanner artifacts. dvcwatch's own choice, provisional: at least half of at least five agencies that
 * answered before fail at the network level in the same round.
 */
export const DEFAULT_OUTAGE = {
  /** Share of the agencies that answered before that must fail at the network level at once. */
  minShare: 0.5,
  /** Fewest agencies that answered before for the guard to judge at all (a tiny registry proves nothing). */
  minAgencies: 5,
} as const;

export type OutageSettings = { [K in keyof typeof DEFAULT_OUTAGE]: number };

/** Failures that happen below HTTP: the connection never carried an answer (DNS, connect, reset, timeout). */
const NETWORK_REASONS: ReadonlySet<Reason> = new Set<Reason>(['dns', 'refused', 'reset', 'timeout', 'network']);

/**
 * What the round's own (first) vantage saw, before any re-judging: a result other vantages turned into
 * `blocked`/`geo` still failed from where the rounds run, and that is what tells the monitor's outage.
 */
const seen = (r: Result): { status: Result['status']; reason: Reason | null } => {
  if (r.observed) return r.observed;
  const first = r.vantages?.[0];
  if (first?.status && r.vantageVerdict === 'geo') return { status: first.status, reason: first.reason };
  return { status: r.status, reason: r.reason };
};

/** Whether the probe could not reach the portal at the network level. */
export const failedAtNetwork = (r: Result): boolean => {
  const s = seen(r);
  return s.status === 'down' && s.reason !== null && NETWORK_REASONS.has(s.reason);
};

/** Whether the portal answered (any HTTP answer, a firewall's or a redirect included): it was reachable. */
export const answered = (r: Result): boolean => !failedAtNetwork(r) && seen(r).status !== 'error';

/** The monitor's view of its own network, one record for the whole registry, advanced once per round. */
export interface MonitorHealth {
  /** Agencies that answered in the last round the monitor's network was healthy: the guard's reference. */
  reachable: string[];
  /** The outage under way, if any: when it started and the agencies it has hidden so far. */
  outage: { since: string; affected: string[] } | null;
  /** The last round applied (a round at or before it does not advance the record again). */
  lastAt: string | null;
  version: number;
}

export const initialHealth = (): MonitorHealth => ({ reachable: [], outage: null, lastAt: null, version: 0 });

export interface OutageAssessment {
  outage: boolean;
  /** Agencies that answered before and are judged in this round. */
  candidates: number;
  /** Of those, how many failed at the network level. */
  failing: number;
  /** Results of this round to re-judge as the monitor's outage (every network-level failure of the round). */
  affected: string[];
}

/**
 * Judges whether a round's network-level failures are the monitor's own outage: at least `minShare` of at least
 * `minAgencies` agencies that answered in the last healthy round fail at once. Then every network-level failure
 * of the round is the monitor's (an agency already unreachable before cannot be told apart from the outage).
 * Pure: the caller loads the results and the health record.
 */
export function assessOutage(health: MonitorHealth, results: readonly Result[], s: OutageSettings): OutageAssessment {
  const before = new Set(health.reachable);
  const judged = results.filter((r) => before.has(r.agencyId) && !r.maintenance && !r.replay);
  const failing = judged.filter(failedAtNetwork).length;
  const outage = judged.length >= s.minAgencies && judged.length > 0 && failing / judged.length >= s.minShare;
  return {
    outage,
    candidates: judged.length,
    failing,
    affected: outage ? results.filter(failedAtNetwork).map((r) => r.agencyId) : [],
  };
}

/** The monitor's outage as the round records it: `error`/`vantage-outage`, what the probe saw kept in `observed`. */
export function asVantageOutage(r: Result): Result {
  if (r.status === 'error' && r.reason === 'vantage-outage') return r;
  return {
    ...r,
    status: 'error',
    reason: 'vantage-outage',
    observed: seen(r),
    breaches: [],
    breachDetails: [],
    monitorError: `mạng của máy đo không tới được phần lớn các cổng cùng lúc (cổng này: ${seen(r).reason ?? 'lỗi mạng'})`,
  };
}

export interface HealthEvent {
  kind: 'start' | 'end';
  /** When the outage started (its id). */
  since: string;
  at: string;
  affected: string[];
}

/**
 * Advances the health record by one round: an outage starts, goes on (gathering affected agencies) or ends; a
 * healthy round renews the reference set of reachable agencies. A round at or before `lastAt` changes nothing.
 */
export function advanceHealth(
  h: MonitorHealth,
  a: OutageAssessment,
  results: readonly Result[],
  at: string,
): [MonitorHealth, HealthEvent | null] {
  if (h.lastAt !== null && Date.parse(at) <= Date.parse(h.lastAt)) return [h, null];
  const base = { ...h, lastAt: at, version: h.version + 1 };
  if (a.outage) {
    if (h.outage) {
      const affected = [...new Set([...h.outage.affected, ...a.affected])].sort();
      return [{ ...base, outage: { since: h.outage.since, affected } }, null];
    }
    const outage = { since: at, affected: [...a.affected].sort() };
    return [
      { ...base, outage },
      { kind: 'start', since: at, at, affected: outage.affected },
    ];
  }
  const reachable = results.filter((r) => answered(r) && !r.replay).map((r) => r.agencyId);
  // A round with no answers at all (e.g. every probe erred) keeps the old reference rather than forgetting it.
  const next = { ...base, outage: null, reachable: reachable.length > 0 ? reachable.sort() : h.reachable };
  if (!h.outage) return [next, null];
  return [next, { kind: 'end', since: h.outage.since, at, affected: h.outage.affected }];
}
