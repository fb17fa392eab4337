import type { PageArtifacts } from './artifacts.js';
import type { Cause } from './causes.js';
import type { LabSummary } from './lab.js';
import type { VantageSeen, VantageVerdict } from './vantage.js';

/** The closed set of statuses. `error` means the monitor itself failed and is never blamed on the agency. */
export const STATUSES = ['up', 'degraded', 'down', 'blocked', 'consolidated', 'error'] as const;
export type Status = (typeof STATUSES)[number];

/** Why a page or a portal is not `up`: one classifier produces these (see classify.ts). */
export const REASONS = [
  'dns',
  'tls',
  'timeout',
  'refused',
  'reset',
  'http-5xx',
  'http-4xx',
  'redirect-loop',
  'captcha',
  'http-403',
  'http-429',
  'redirect-national',
  'download',
  'too-large',
  'popup-storm',
  'guard',
  'network',
  'probe',
  // The monitor's own network failed for most portals at once (core/vantage-outage.ts): never the agency's fault.
  'vantage-outage',
  // Down from the first vantage, answering from another: the portal refuses the first one's network.
  'geo',
  // `degraded`: the home page answered 200 but painted nothing (no FCP/LCP) within the page's limit (issue 19).
  'no-paint',
] as const;
export type Reason = (typeof REASONS)[number];

/** A threshold a measurement went over. */
export interface Breach {
  /** e.g. `home.lcpMs`, `form.readyMs`, `score` */
  metric: string;
  value: number;
  limit: number;
}

export type CheckStatus = 'pass' | 'fail' | 'unknown';

export interface CheckResult {
  id: string;
  status: CheckStatus;
  /** What was found (matched text, URL, value), or what was looked for and not found. Portal text: escape it. */
  evidence: string;
}

export interface GroupScore {
  group: string;
  /** Points earned over what was measured, and the group's full weight. */
  earned: number;
  measured: number;
  weight: number;
}

/** A page as stored: the probe's page artifacts, less the bulky parts. */
export type PageResult = Omit<PageArtifacts, 'headers'> & { attempts: number };

/** One agency's result for one round: exactly one per agency per round, whatever happened. */
export interface Result {
  agencyId: string;
  /** The round's time (ISO-8601, UTC, on the hour for scheduled rounds). */
  at: string;
  status: Status;
  reason: Reason | null;
  pages: { home: PageResult | null; form: PageResult | null };
  /** Earlier attempts at a page that failed or breached before the confirmation re-probe (kept as evidence). */
  retries?: ({ page: 'home' | 'form' } & PageResult)[];
  /** What made the pages slow or will soon break the portal: at most 3, most costly first (causes.ts). */
  causes?: Cause[];
  /** The ministry profile's day so far (Lighthouse mobile medians), on rows of rounds that ran it; never judged hourly. */
  lab?: LabSummary | null;
  /** Names of breached thresholds, e.g. `home.lcpMs`. */
  breaches: string[];
  breachDetails: Breach[];
  checks: CheckResult[];
  /** When the facts behind `checks` were gathered (this round, or the agency's last catalogue run); null without checks. */
  checksAt?: string | null;
  groups: GroupScore[];
  score: number | null;
  grade: 'A' | 'B' | 'C' | 'D' | 'E' | null;
  /** Measurement profile, e.g. `desktop-unthrottled`. */
  profile: string;
  /** Whether the agency was in a maintenance window at `at`. */
  maintenance: boolean;
  probeMs: number;
  /** When status is `error`: what went wrong in the monitor. */
  monitorError?: string;
  /**
   * What the probe itself saw, kept when the round re-judged the result afterwards (a monitor-side outage turns a
   * network-level `down` into `error`/`vantage-outage`); absent when the status is what the probe saw.
   */
  observed?: { status: Status; reason: Reason | null };
  /**
   * What each vantage saw, first vantage first (see core/vantage.ts); absent when the registry names one vantage
   * or the first saw no `down`.
   */
  vantages?: VantageSeen[];
  /** How the other vantages settled a first vantage's `down` (core/vantage.ts). */
  vantageVerdict?: VantageVerdict;
  /** Present only on a result derived by `dvcwatch replay` (demo history), never on a measured one. */
  replay?: ReplayMark;
}

/**
 * Marks a replayed result: its artifacts were derived, by a documented scenario, from one real probe taken at
 * `recordedAt` (runner/replay-scenario.ts), not measured at `at`. The site says so wherever such data shows.
 */
export interface ReplayMark {
  /** When the real probe the result was derived from was taken. */
  recordedAt: string;
  /** The scenario that derived it (the demo portal's id, or `default`). */
  scenario: string;
  /** What the scenario did in this hour beyond load and noise, e.g. `outage:timeout`, `before:security-headers`. */
  events: string[];
}
