import { type DailyAggregate, quantile } from '@dvcwatch/core';

/** Medians and p95s of one day, computed once per aggregate (the charts and the open data both need them). */
export interface DayStats {
  homeLcpMedian: number | null;
  homeLcpP95: number | null;
  homeLoadMedian: number | null;
  formReadyMedian: number | null;
  formReadyP95: number | null;
  scoreMedian: number | null;
}

const cache = new WeakMap<DailyAggregate, DayStats>();
const asc = (xs: readonly number[]) => [...xs].sort((a, b) => a - b);

/** The day's statistics (memoised per aggregate object; each sample list is sorted once). */
export function dayStats(d: DailyAggregate): DayStats {
  const hit = cache.get(d);
  if (hit) return hit;
  // quantile() copies and sorts; handing it already-sorted arrays makes that sort linear.
  const lcp = asc(d.homeLcpMs);
  const form = asc(d.formReadyMs);
  const s: DayStats = {
    homeLcpMedian: quantile(lcp, 0.5),
    homeLcpP95: quantile(lcp, 0.95),
    homeLoadMedian: quantile(d.homeLoadMs, 0.5),
    formReadyMedian: quantile(form, 0.5),
    formReadyP95: quantile(form, 0.95),
    scoreMedian: quantile(d.scores, 0.5),
  };
  cache.set(d, s);
  return s;
}
