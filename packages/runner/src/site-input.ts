import { type DailyAggregate, type Registry, type Result, vnDay } from '@dvcwatch/core';
import type { RecentResult, SiteInput } from '@dvcwatch/site';
import type { Store } from '@dvcwatch/store';
import pLimit from 'p-limit';

export interface SiteInputOptions {
  generatedAt: string;
  probeLocation: string;
  profile: string;
  /** Days of daily aggregates to read (the site shows up to 90). */
  days?: number;
}

/** Agencies read at once: enough to hide DynamoDB's latency, few enough that pages in flight stay small. */
const READ_CONCURRENCY = 16;

/** Only what the site reads of a recent result (SiteInput.recent): a few numbers instead of the full record. */
export const toRecent = (r: Result): RecentResult => ({
  agencyId: r.agencyId,
  at: r.at,
  status: r.status,
  checks: r.checks.map((c) => ({ id: c.id, status: c.status })),
  pages: {
    home: r.pages.home ? { lcpMs: r.pages.home.lcpMs } : null,
    form: r.pages.form ? { readyMs: r.pages.form.readyMs } : null,
  },
});

/** A day as the site reads it: the round times are kept only where they bound replayed history (site/replay.ts). */
const toSiteDay = (d: DailyAggregate): DailyAggregate => (d.replayed ? d : { ...d, ats: [] });

/**
 * Reads what the site is built from: per agency the latest result (in full), 48 h of raw results reduced to what
 * the site reads as each page of them arrives, 90 days of daily aggregates and the incident history. Aggregates
 * carry the long trends, so a build's memory and time grow with agencies × days, never with the rounds kept, and
 * a bounded number of agencies is read at once.
 */
export async function collectSiteInput(store: Store, registry: Registry, o: SiteInputOptions): Promise<SiteInput> {
  const now = Date.parse(o.generatedAt);
  const since48h = new Date(now - 48 * 3_600_000).toISOString();
  const fromDay = vnDay(new Date(now - (o.days ?? 90) * 86_400_000).toISOString());
  const toDay = vnDay(o.generatedAt);
  const limit = pLimit(READ_CONCURRENCY);
  const per = await Promise.all(
    registry.agencies.map((a) =>
      limit(async () => {
        let last: Result | null = null;
        const [recent, daily, incidents, lab] = await Promise.all([
          store.resultRows.listMapped(a.id, since48h, o.generatedAt, (r) => {
            last = r;
            return toRecent(r);
          }),
          store.days(a.id, fromDay, toDay),
          store.incidents(a.id),
          // The ministry profile: the last 7 days (the "at risk" window) and the latest day measured.
          store.labDays.days(a.id, vnDay(new Date(now - 13 * 86_400_000).toISOString()), toDay),
        ]);
        const latest: Result | null = last ?? (await store.latestResult(a.id));
        return {
          latest,
          recent,
          daily: daily.map(toSiteDay),
          lab,
          incidents: incidents.map((i) => ({ ...i, agencyId: a.id })),
        };
      }),
    ),
  );
  const [index766, editions] = await Promise.all([store.index766.latest(), store.editions.list()]);
  return {
    generatedAt: o.generatedAt,
    registry,
    index766,
    editions,
    latest: per.map((p) => p.latest).filter((r): r is Result => r !== null),
    recent: per.flatMap((p) => p.recent),
    daily: per.flatMap((p) => p.daily),
    incidents: per.flatMap((p) => p.incidents),
    lab: per.flatMap((p) => p.lab),
    probeLocation: o.probeLocation,
    profile: o.profile,
  };
}
