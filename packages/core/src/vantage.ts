import type { Reason, Result, Status } from './result.js';

/**
 * A vantage is where a probe looks from. The first one runs the rounds (AWS ap-southeast-1, or this machine);
 * the others only confirm a `down` (an agent in a Vietnamese network on AWS; a second loopback source address
 * locally). Many Vietnamese government sites refuse foreign addresses, so a `down` seen from Singapore alone is
 * not yet the agency's fault.
 */
export interface Vantage {
  id: string;
  name: string;
  /** Local runs only: the loopback source address this vantage's connections leave from. */
  egress?: string | undefined;
}

/** What one vantage saw of a portal in a round; `status` null: the vantage did not answer in time. */
export interface VantageSeen {
  id: string;
  status: Status | null;
  reason: Reason | null;
  /** When the vantage looked (ISO-8601), or null when it did not answer. */
  at: string | null;
}

/**
 * How the vantages settled a first vantage's `down`: every vantage saw it down (`confirmed`); another vantage
 * reached the portal (`geo`); some vantage did not answer in time, so the first's observation stands unconfirmed.
 */
export type VantageVerdict = 'confirmed' | 'geo' | 'unconfirmed';

/** True when a result must be looked at again from the other vantages before it counts. */
export const needsVantages = (result: Pick<Result, 'status'>, vantages: readonly Vantage[]): boolean =>
  result.status === 'down' && vantages.length > 1;

/** The first vantage's own observation, read from its result. */
export const seenFrom = (id: string, result: Pick<Result, 'status' | 'reason'>, at: string): VantageSeen => ({
  id,
  status: result.status,
  reason: result.reason,
  at,
});

/** A vantage that did not answer in time. */
export const unanswered = (id: string): VantageSeen => ({ id, status: null, reason: null, at: null });

// A portal that loaded (even below threshold, or moved to the national portal) answered that vantage.
const reached = (s: VantageSeen): boolean => s.status === 'up' || s.status === 'degraded' || s.status === 'consolidated';

/** The verdict of the other vantages on a first vantage's `down`. Pure. */
export function vantageVerdict(others: readonly VantageSeen[]): VantageVerdict {
  if (others.some(reached)) return 'geo';
  return others.length > 0 && others.every((s) => s.status === 'down') ? 'confirmed' : 'unconfirmed';
}

/**
 * Combines what every vantage saw into the round's result. `seen` lists the other vantages (first excluded), in
 * registry order; vantages missing from it count as not answered. Down from every vantage stays `down`; down
 * from the first but reached from another is `blocked` (`geo`), never breached; otherwise the first's
 * observation stands and the result says it was not confirmed. A result that is not `down` is returned as is.
 */
export function combineVantages(first: Result, vantages: readonly Vantage[], seen: readonly VantageSeen[]): Result {
  if (!needsVantages(first, vantages)) return first;
  const [head, ...rest] = vantages;
  if (!head) return first;
  const others = rest.map((v) => seen.find((s) => s.id === v.id) ?? unanswered(v.id));
  const list = [seenFrom(head.id, first, first.vantages?.[0]?.at ?? first.at), ...others];
  const verdict = vantageVerdict(others);
  if (verdict !== 'geo') return { ...first, vantages: list, vantageVerdict: verdict };
  return {
    ...first,
    status: 'blocked',
    reason: 'geo',
    breaches: [],
    breachDetails: [],
    vantages: list,
    vantageVerdict: verdict,
  };
}

/** Names of the vantages that reached the portal, for the site. */
export const vantagesReaching = (result: Pick<Result, 'vantages'>, vantages: readonly Vantage[]): Vantage[] =>
  vantages.filter((v) => {
    const s = result.vantages?.find((x) => x.id === v.id);
    return s !== undefined && reached(s);
  });

/** 127.0.0.0/8 or ::1: the only source addresses a local vantage may bind. */
export const isLoopbackAddress = (address: string): boolean => {
  if (address === '::1') return true;
  const m = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  return m?.slice(1).every((n) => Number(n) <= 255) ?? false;
};

/**
 * True while a result still waits for another vantage: the first saw it `down` and some other vantage has not
 * answered yet. The round's alerts are not decided while any result waits, until the round's deadline.
 */
export const awaitsVantages = (result: Pick<Result, 'status' | 'vantageVerdict' | 'vantages'>): boolean =>
  result.status === 'down' &&
  result.vantageVerdict === 'unconfirmed' &&
  (result.vantages ?? []).slice(1).some((s) => s.status === null);
