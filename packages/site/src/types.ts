import type { DailyAggregate, Incident, LabDay, Registry, Result } from '@dvcwatch/core';

/** Everything the site is built from: the generator reads nothing else (no clock, no files, no network). */
export interface SiteInput {
  /** When the site was generated (ISO); "now" for every relative figure (7 days, last week). */
  generatedAt: string;
  registry: Registry;
  /** The latest result of each agency (may lack some agencies). */
  latest: Result[];
  /** The last 24–48 h of raw results, all agencies (for 24 h charts and "failing since"). */
  recent: Result[];
  /** Up to 90 days per agency. */
  daily: DailyAggregate[];
  incidents: (Incident & { agencyId: string })[];
  /** The ministry profile's days (Lighthouse mobile runs), at least the last 7 per agency; absent when none. */
  lab?: LabDay[];
  /** Where the probe runs, e.g. "127.0.0.1 (máy cục bộ)" or "AWS ap-southeast-1 (Singapore)". */
  probeLocation: string;
  /** Measurement profile, e.g. "desktop, không giới hạn băng thông". */
  profile: string;
}

/** A built site: path (relative to the site root, `/`-separated) → file content (UTF-8 text). */
export type SiteFiles = Map<string, string>;
