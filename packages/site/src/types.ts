import type {
  CheckResult,
  DailyAggregate,
  Edition,
  Incident,
  Index766Import,
  LabDay,
  PageResult,
  Registry,
  Result,
} from '@dvcwatch/core';

/** Everything the site is built from: the generator reads nothing else (no clock, no files, no network). */
export interface SiteInput {
  /** When the site was generated (ISO); "now" for every relative figure (7 days, last week). */
  generatedAt: string;
  registry: Registry;
  /** The latest result of each agency (may lack some agencies). */
  latest: Result[];
  /** The last 24–48 h of raw results, all agencies (for 24 h charts and "failing since"): only what those read. */
  recent: RecentResult[];
  /** Up to 90 days per agency. */
  daily: DailyAggregate[];
  incidents: (Incident & { agencyId: string })[];
  /** The ministry profile's days (Lighthouse mobile runs), at least the last 7 per agency; absent when none. */
  lab?: LabDay[];
  /** The latest import of the Government Office's QĐ 766 index (shown beside dvcwatch's figures, never blended). */
  index766?: Index766Import | null;
  /** The frozen monthly editions, newest first. */
  editions?: Edition[];
  /** Where the probe runs, e.g. "127.0.0.1 (máy cục bộ)" or "AWS ap-southeast-1 (Singapore)". */
  probeLocation: string;
  /** Measurement profile, e.g. "desktop, không giới hạn băng thông". */
  profile: string;
}

/**
 * What the site reads of a recent raw result: the 24 h charts' timings and the checks' statuses. A publisher holds
 * 48 results per agency, so it keeps only these (a full Result is one too: the generator accepts either).
 */
export type RecentResult = Pick<Result, 'agencyId' | 'at'> & {
  /** The round's status: the charts mark the rounds the portal failed (absent in older inputs). */
  status?: Result['status'];
  checks: Pick<CheckResult, 'id' | 'status'>[];
  pages: { home: Pick<PageResult, 'lcpMs'> | null; form: Pick<PageResult, 'readyMs'> | null };
};

/** A built site: path (relative to the site root, `/`-separated) → file content (UTF-8 text). */
export type SiteFiles = Map<string, string>;
