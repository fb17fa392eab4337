import { availability, quantile } from './aggregate.js';
import type { Incident } from './incident.js';
import { type LabDay, medianMetrics } from './lab.js';
import type { Result, Status } from './result.js';
import { vnDay, vnDayStart } from './vi-format.js';

/**
 * The monthly edition: on the first day of a month, the past month per agency, frozen. Written once and never
 * rewritten; later corrections appear in the next edition. Pure: the runner reads the store and passes the month in.
 */

/** What an edition keeps of one round (a few numbers, not the full result). */
export interface EditionRound {
  at: string;
  status: Status;
  breached: boolean;
  homeLcpMs: number | null;
  formReadyMs: number | null;
  score: number | null;
  checksPassed: number;
  checksJudged: number;
  replayed: boolean;
}

/** The round as an edition counts it. */
export const editionRound = (r: Result): EditionRound => ({
  at: r.at,
  status: r.status,
  breached: r.breaches.length > 0,
  homeLcpMs: r.pages.home?.lcpMs ?? null,
  formReadyMs: r.pages.form?.readyMs ?? null,
  score: r.score,
  checksPassed: r.checks.filter((c) => c.status === 'pass').length,
  checksJudged: r.checks.filter((c) => c.status === 'pass' || c.status === 'fail').length,
  replayed: r.replay !== undefined,
});

/** One agency's month. */
export interface EditionAgency {
  agencyId: string;
  name: string;
  kind: string;
  rounds: number;
  replayedRounds: number;
  /** Share of judged hours the portal answered (up or degraded), as on the site. */
  availability: number | null;
  homeLcpMedianMs: number | null;
  formReadyMedianMs: number | null;
  /** Share of the month's rounds with at least one breached threshold. */
  breachShare: number | null;
  scoreMedian: number | null;
  /** Checks passed and judged at the month's last round. */
  checksPassed: number | null;
  checksJudged: number | null;
  /** Incidents open at some time in the month, and their time within it (minutes). */
  incidents: number;
  incidentMinutes: number;
  /** Hours the portal was `down` (hourly rounds). */
  downtimeHours: number;
  /** The ministry profile (Lighthouse mobile): medians over the month's runs. */
  labHomeLcpMs: number | null;
  labHomeScore: number | null;
  labFormLcpMs: number | null;
  /** The month's QĐ 766 total, from the last import of that month; null when unmapped or not imported. */
  index766Total: number | null;
}

export interface Edition {
  /** `YYYY-MM`. */
  month: string;
  generatedAt: string;
  /** The QĐ 766 import the totals come from (null: none for that month). */
  index766: { fetchedAt: string; sha256: string; period: string } | null;
  agencies: EditionAgency[];
  /** Medians across agencies of each agency's figure. */
  national: {
    availability: number | null;
    homeLcpMedianMs: number | null;
    scoreMedian: number | null;
    index766Total: number | null;
  };
}

/** `YYYY-MM` of the Vietnamese month before the one `iso` falls in: the month an edition published then covers. */
export function editionMonthBefore(iso: string): string {
  const month = vnDay(iso).slice(0, 7);
  const prev = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 2, 1));
  return prev.toISOString().slice(0, 7);
}

/** The month's bounds as UTC instants: from its first Vietnamese midnight (inclusive) to the next month's (exclusive). */
export function editionBounds(month: string): { from: string; to: string; firstDay: string; lastDay: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
  const lastDay = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  return { from: vnDayStart(`${month}-01`), to: vnDayStart(next), firstDay: `${month}-01`, lastDay };
}

const round4 = (x: number | null) => (x === null ? null : Math.round(x * 10_000) / 10_000);

/** Minutes of an incident inside [from, to). */
const minutesWithin = (i: Incident, from: string, to: string): number => {
  const start = Math.max(Date.parse(i.since), Date.parse(from));
  const endAt = i.recoveredAt ?? i.resolvedAt;
  const end = Math.min(endAt ? Date.parse(endAt) : Number.POSITIVE_INFINITY, Date.parse(to));
  return end > start ? Math.round((end - start) / 60_000) : 0;
};

/** One agency's edition row from its month of rounds, incidents and lab days. */
export function editionAgency(
  agency: { id: string; name: string; kind: string },
  month: string,
  data: { rounds: readonly EditionRound[]; incidents: readonly Incident[]; lab: readonly LabDay[]; index766Total: number | null },
): EditionAgency {
  const { from, to } = editionBounds(month);
  const rounds = data.rounds.filter((r) => r.at >= from && r.at < to).sort((a, b) => a.at.localeCompare(b.at));
  const statuses: Partial<Record<Status, number>> = {};
  for (const r of rounds) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  const values = (f: (r: EditionRound) => number | null) => rounds.map(f).filter((x): x is number => x !== null);
  const incidents = data.incidents.filter((i) => minutesWithin(i, from, to) > 0 || (i.since >= from && i.since < to));
  const runs = data.lab.flatMap((d) => d.runs).filter((r) => r.at >= from && r.at < to);
  const home = medianMetrics(runs.filter((r) => r.page === 'home'));
  const form = medianMetrics(runs.filter((r) => r.page === 'form'));
  const last = rounds.at(-1);
  return {
    agencyId: agency.id,
    name: agency.name,
    kind: agency.kind,
    rounds: rounds.length,
    replayedRounds: rounds.filter((r) => r.replayed).length,
    availability: round4(availability(statuses)),
    homeLcpMedianMs: quantile(
      values((r) => r.homeLcpMs),
      0.5,
    ),
    formReadyMedianMs: quantile(
      values((r) => r.formReadyMs),
      0.5,
    ),
    breachShare: rounds.length ? round4(rounds.filter((r) => r.breached).length / rounds.length) : null,
    scoreMedian: quantile(
      values((r) => r.score),
      0.5,
    ),
    checksPassed: last && last.checksJudged > 0 ? last.checksPassed : null,
    checksJudged: last && last.checksJudged > 0 ? last.checksJudged : null,
    incidents: incidents.length,
    incidentMinutes: incidents.reduce((s, i) => s + minutesWithin(i, from, to), 0),
    downtimeHours: statuses.down ?? 0,
    labHomeLcpMs: home?.lcpMs ?? null,
    labHomeScore: home?.score ?? null,
    labFormLcpMs: form?.lcpMs ?? null,
    index766Total: data.index766Total,
  };
}

/** The whole edition from its agency rows. */
export function buildEdition(
  month: string,
  generatedAt: string,
  agencies: EditionAgency[],
  index766: Edition['index766'],
): Edition {
  const mid = (f: (a: EditionAgency) => number | null) =>
    quantile(
      agencies.map(f).filter((x): x is number => x !== null),
      0.5,
    );
  return {
    month,
    generatedAt,
    index766,
    agencies,
    national: {
      availability: mid((a) => a.availability),
      homeLcpMedianMs: mid((a) => a.homeLcpMedianMs),
      scoreMedian: mid((a) => a.scoreMedian),
      index766Total: mid((a) => a.index766Total),
    },
  };
}
