import { type Registry, type Result, vnDay } from '@dvcwatch/core';
import type { SiteInput } from '@dvcwatch/site';
import type { Store } from '@dvcwatch/store';

export interface SiteInputOptions {
  generatedAt: string;
  probeLocation: string;
  profile: string;
  /** Days of daily aggregates to read (the site shows up to 90). */
  days?: number;
}

/**
 * Reads what the site is built from: per agency the latest result, 48 h of raw results, 90 days of daily
 * aggregates and the incident history. Aggregates, not raw results, carry the long trends, so the cost of a
 * build does not grow with the number of rounds kept.
 */
export async function collectSiteInput(store: Store, registry: Registry, o: SiteInputOptions): Promise<SiteInput> {
  const now = Date.parse(o.generatedAt);
  const since48h = new Date(now - 48 * 3_600_000).toISOString();
  const fromDay = vnDay(new Date(now - (o.days ?? 90) * 86_400_000).toISOString());
  const toDay = vnDay(o.generatedAt);
  const per = await Promise.all(
    registry.agencies.map(async (a) => {
      const [recent, daily, incidents, lab] = await Promise.all([
        store.results(a.id, since48h, o.generatedAt),
        store.days(a.id, fromDay, toDay),
        store.incidents(a.id),
        // The ministry profile: the last 7 days (the "at risk" window) and the latest day measured.
        store.labDays.days(a.id, vnDay(new Date(now - 13 * 86_400_000).toISOString()), toDay),
      ]);
      const latest: Result | null = recent.at(-1) ?? (await store.latestResult(a.id));
      return { latest, recent, daily, lab, incidents: incidents.map((i) => ({ ...i, agencyId: a.id })) };
    }),
  );
  return {
    generatedAt: o.generatedAt,
    registry,
    latest: per.map((p) => p.latest).filter((r): r is Result => r !== null),
    recent: per.flatMap((p) => p.recent),
    daily: per.flatMap((p) => p.daily),
    incidents: per.flatMap((p) => p.incidents),
    lab: per.flatMap((p) => p.lab),
    probeLocation: o.probeLocation,
    profile: o.profile,
  };
}
