import type { Facts, GatheredFacts, LinkFact } from './artifacts.js';
import { findLink } from './checks/find.js';
import { LABELS } from './checks/labels.js';

/**
 * When to run the check catalogue again. Timings are measured every round; the catalogue (a search, a walk of up to
 * twelve pages, the login and dossier pages, an axe audit) costs several times more and judges things a portal
 * changes with a release, not from hour to hour. So each agency's facts are gathered at its own hour of every
 * `everyHours` (agencies spread evenly over the hours), and in between reused, except when:
 * - there are none yet, or they are older than `everyHours` (a missed slot), or from a later round than this one;
 * - the registry's settings for the agency's checks changed (overrides, audit on/off, addresses);
 * - the home page's function surface changed: the timing probe reads which of the catalogue's functions the home
 *   page links to, every round, so a release that removes or adds one is re-checked within the hour.
 * Every result says when its checks were gathered (`checksAt`).
 */
export interface StoredFacts {
  agencyId: string;
  /** The round at which they were gathered (the whole catalogue: the schedule counts from it). */
  at: string;
  /**
   * The round of the last gathering of their gaps alone (`incomplete`, see `resumeGaps`): the next retry counts from
   * it, the schedule still from `at`. Absent until a retry.
   */
  retriedAt?: string;
  /** The home page's surface (see `homeSurface`) seen by that round's timing probe. */
  surface: string[] | null;
  /** `factsConfig` of the agency at that round. */
  config: string;
  facts: GatheredFacts;
}

/**
 * `incomplete`: some facts could not be gathered last time (their checks are `unknown`): those facts alone are
 * gathered again once `INCOMPLETE_RETRY_HOURS` have passed (`resumeGaps`).
 */
export type RefreshReason = 'first' | 'forced' | 'schedule' | 'overdue' | 'config' | 'surface' | 'incomplete';

/** Label groups that name a function of the catalogue a home page links to. */
const SURFACE_GROUPS = [
  'search',
  'login',
  'dossierLookup',
  'onlinePayment',
  'feedback',
  'satisfaction',
  'help',
  'index766',
  'english',
  'privacyPolicy',
  'fontLarger',
  'contrast',
  'submit',
] as const satisfies readonly (keyof typeof LABELS)[];

/** The catalogue's functions the links and controls of a page offer, sorted: a cheap summary of what checks judge. */
export const homeSurface = (links: readonly LinkFact[]): string[] =>
  SURFACE_GROUPS.filter((g) => findLink(links, LABELS[g]) !== null).sort();

/** What about an agency's configuration decides its facts; a change means they are gathered again. */
export const factsConfig = (o: {
  home: string;
  form?: string | undefined;
  accessibility: boolean;
  checks?: Record<string, unknown> | undefined;
}): string => JSON.stringify([o.home, o.form ?? null, o.accessibility, o.checks ?? {}]);

/** FNV-1a: a stable small hash of the agency id, for its slot among the hours. */
const fnv1a = (s: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
};

/** The hour (0 … everyHours−1) at which an agency's checks are due. */
export const checksSlot = (agencyId: string, everyHours: number): number => fnv1a(agencyId) % Math.max(1, everyHours);

const HOUR = 3_600_000;
/**
 * Facts with gaps are gathered again after this many hours (at most `everyHours`). A catalogue that ran out of its
 * budget on a portal answering in 3–10 s mostly runs out again the hour after: retrying every hour made every round
 * a catalogue round on slow portals, several times the probe's bill (issue 21, `npm run bench:cost`), while a crash
 * or a blip is still retried within the same office morning or afternoon.
 */
export const INCOMPLETE_RETRY_HOURS = 3;
/** Slack for rounds that start a little late or early against the hour. */
const SLACK = 5 * 60_000;

/** Why this round must gather the facts again, or null when the stored ones still hold. */
export function refreshReason(
  stored: (Pick<StoredFacts, 'at' | 'retriedAt' | 'surface' | 'config'> & { facts?: GatheredFacts }) | null,
  now: { agencyId: string; at: string; surface: string[] | null; config: string; everyHours: number; force?: boolean },
): RefreshReason | null {
  if (now.force) return 'forced';
  if (!stored) return 'first';
  if (stored.config !== now.config) return 'config';
  if (now.surface && stored.surface && now.surface.join(',') !== stored.surface.join(',')) return 'surface';
  const t = Date.parse(now.at);
  const age = t - Date.parse(stored.at);
  if (!(age >= 0) || age >= now.everyHours * HOUR - SLACK) return 'overdue';
  const retryAfter = Math.min(INCOMPLETE_RETRY_HOURS, now.everyHours) * HOUR - SLACK;
  const sinceTried = t - Date.parse(stored.retriedAt ?? stored.at);
  if (stored.facts?.gaps && Object.keys(stored.facts.gaps).length > 0 && sinceTried >= retryAfter) return 'incomplete';
  const hour = Math.floor((t + SLACK) / HOUR);
  if (hour % now.everyHours === checksSlot(now.agencyId, now.everyHours) && age >= HOUR - SLACK) return 'schedule';
  return null;
}

/** The facts an `incomplete` retry gathers: those the stored facts have gaps for. */
export const gapKeys = (facts: GatheredFacts): (keyof Facts)[] => Object.keys(facts.gaps ?? {}) as (keyof Facts)[];

/**
 * Stored facts with their gaps gathered again (`fresh`: a gathering of `gapKeys(stored.facts)` alone): each gap that
 * `fresh` filled takes its value, the others keep their gap with the new reason; every other fact stays as it was
 * gathered at `stored.at`. A portal too slow for the whole catalogue within its deadline so fills its gaps over
 * retries instead of running out of time on the same pages again (issue 21).
 */
export function resumeGaps(stored: StoredFacts, fresh: GatheredFacts, at: string): StoredFacts {
  const facts: GatheredFacts = { ...stored.facts };
  const gaps: NonNullable<GatheredFacts['gaps']> = {};
  const write = facts as Record<keyof Facts, unknown>;
  for (const key of gapKeys(stored.facts)) {
    if (fresh[key] !== null) write[key] = fresh[key];
    else gaps[key] = fresh.gaps?.[key] ?? stored.facts.gaps?.[key] ?? '';
  }
  delete facts.gaps;
  return { ...stored, retriedAt: at, facts: Object.keys(gaps).length > 0 ? { ...facts, gaps } : facts };
}
