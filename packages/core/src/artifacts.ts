import type { PageDiagnosis } from './diagnosis.js';

/**
 * What the probe saw, raw. The probe never decides pass/fail: `core` judges these artifacts, so stored artifacts
 * can be re-scored when thresholds or the check catalogue change.
 */

/** A browser-level failure, kept verbatim (`net::ERR_*`, `timeout`, `guard`, …) for the classifier. */
export interface PageError {
  /** e.g. `net::ERR_NAME_NOT_RESOLVED`, `net::ERR_CERT_DATE_INVALID`, `timeout`, `guard:private-address`, `probe` */
  code: string;
  message: string;
}

/**
 * How much CPU the monitor had around one timed load (issue 19): the share of a core this process got in a short
 * calibration before and after the load (the lower kept), how long the load waited for the timing lane, and whether
 * it ran alone in it. A `contended` load's numbers are not clean: they are kept flagged, never as clean numbers.
 */
export interface TimingConditions {
  cpuShare: number;
  laneWaitMs: number;
  alone: boolean;
  /**
   * Its numbers were not clean because of another timed load of the same invocation (probe/timing-lane.ts, issue
   * 21): the rest of the monitor used more than the tolerance of CPU while they formed. Timed again alone.
   */
  overlapped?: boolean;
  /** CPU milliseconds the rest of the monitor used while its numbers formed (measured where timed loads overlap). */
  othersCpuMs?: number;
  contended: boolean;
}

/** Below this share of one core around a timed load, the load counts as timed under contention (dvcwatch's choice:
 * a page that got less than half a core is slowed by about 2×, far beyond the truth windows of issue 19). */
export const CONTENDED_CPU_SHARE = 0.5;

/** One page load (home or form), timings in ms from navigation start, from the browser's own timing APIs. */
export interface PageArtifacts {
  /** URL requested. */
  url: string;
  /** URL after every redirect, or null if nothing loaded. */
  finalUrl: string | null;
  httpStatus: number | null;
  /** Every URL of the redirect chain, requested first, final last. */
  redirects: string[];
  ttfbMs: number | null;
  fcpMs: number | null;
  lcpMs: number | null;
  domContentLoadedMs: number | null;
  loadMs: number | null;
  /** Total blocking time and cumulative layout shift, recorded for the 2025 criteria; not yet judged. */
  tbtMs: number | null;
  cls: number | null;
  /** Form page only: when the first form field was visible and enabled, or the login wall was reached. */
  readyMs?: number | null;
  readyKind?: 'form' | 'login' | null;
  error: PageError | null;
  /** The document's title (portal-supplied: escape before showing). */
  title: string | null;
  /**
   * Error and firewall pages only (HTTP ≥ 400, captcha): the start of their visible text, e.g. "Hệ thống đang bảo
   * trì", kept for the diagnosis since their timings are not (core/error-page.ts). Portal-supplied.
   */
  firstText?: string | null;
  /** Lower-cased response headers of the main document. */
  headers: Record<string, string>;
  /** Whether the page showed a captcha or WAF challenge (text/markers seen by the probe). */
  challenge: boolean;
  /** Path or key of a screenshot, if one was taken. */
  screenshot: string | null;
  /**
   * Home page only: the catalogue's functions its links and controls offer (label groups, sorted), read by the
   * timing probe. A change means the checks are run again in this round rather than at their scheduled hour.
   */
  surface?: string[] | null;
  /** Wall time of this attempt. */
  durationMs: number;
  /** The CPU the load had (absent on rows recorded before issue 19). */
  conditions?: TimingConditions;
  /** Dialogs (alert/confirm/prompt/beforeunload) the probe dismissed. */
  dialogs?: number;
  /** Popup windows the probe closed. */
  popups?: number;
  /** Bytes received from the portal's servers for this page (through the request guard). */
  bytes?: number;
  /** What made the page slow (LCP element and resource, largest/slowest/blocking requests, long scripts). */
  diagnosis?: PageDiagnosis | null;
}

/** A link or control seen on a page. All strings are portal-supplied. */
export interface LinkFact {
  text: string;
  href: string | null;
  ariaLabel: string | null;
  title: string | null;
}

/** Facts gathered for the check catalogue. Every field is null when it could not be gathered. */
export interface Facts {
  /** Visible text of the home page (truncated). */
  homeText: string | null;
  /** Links, buttons and controls of the home page (bounded). */
  homeLinks: LinkFact[] | null;
  /** Visible text of the procedure/form page (truncated), for `procedure-info`. */
  procedureText: string | null;
  /** `http://` version of the home URL: where it ended. */
  httpRedirect: { url: string; finalUrl: string | null; error: string | null } | null;
  tls: {
    authorized: boolean;
    error: string | null;
    validTo: string | null;
    daysToExpiry: number | null;
    issuer: string | null;
    protocol: string | null;
  } | null;
  search: {
    inputFound: boolean;
    query: string;
    resultsUrl: string | null;
    /** Number of result-looking items seen after searching. */
    resultCount: number;
    evidence: string | null;
    /** Why the results could not be read (their page answered an error or did not load): the verdict is unknown. */
    error?: string | null;
  } | null;
  /** The login page reached from the home page; `error` when it did not load (another host, an error answer). */
  login: { url: string | null; text: string | null; links: LinkFact[]; error?: string | null } | null;
  /** `url` null: no lookup control; `error`: the lookup page did not load; `weak`: reached by a vague label. */
  dossierLookup: {
    url: string | null;
    codeFieldFound: boolean;
    evidence: string | null;
    error?: string | null;
    weak?: string | null;
  } | null;
  threeClicks: { depth: number | null; path: string[]; pagesVisited: number } | null;
  fontSize: { control: string | null; beforePx: number | null; afterPx: number | null } | null;
  contrast: { control: string | null; changed: boolean; before: string | null; after: string | null } | null;
  mobile: { viewport: string | null; scrollWidth: number; clientWidth: number } | null;
  axe: {
    violations: { id: string; impact: 'minor' | 'moderate' | 'serious' | 'critical' | null; help: string; nodes: number }[];
    passes: number;
  } | null;
  mixedContent: string[] | null;
}

/**
 * Why a fact stayed null: the gathering step that should have read it did not finish (time budget, crash, a page
 * that would not open). Vietnamese, shown as the evidence of every check that needs the fact (`unknown`).
 * A fact that is null without a gap was simply not there to read (judged as each check decides).
 */
export type FactGaps = Partial<Record<keyof Facts, string>>;

/** Facts as gathered, with the reasons of the ones that could not be (stored and reused with them). */
export type GatheredFacts = Facts & { gaps?: FactGaps };

/** Everything one probe of one agency produced. */
export interface ProbeArtifacts {
  /** Measurement profile, said on the site: e.g. `desktop-unthrottled`. */
  profile: string;
  /** Every attempt at the home page, last one first counts (confirmation re-probes are kept here). */
  home: PageArtifacts;
  form: PageArtifacts | null;
  /** Earlier attempts that failed or breached before the confirmation re-probe. */
  retries: { page: 'home' | 'form'; attempt: PageArtifacts }[];
  facts: GatheredFacts;
  /** When `facts` were gathered: this round's time, or an earlier round's when they were reused; null when none. */
  factsAt?: string | null;
  durationMs: number;
}

/** Facts with nothing gathered: the starting point of the probe and of tests. */
export const emptyFacts = (): Facts => ({
  homeText: null,
  homeLinks: null,
  procedureText: null,
  httpRedirect: null,
  tls: null,
  search: null,
  login: null,
  dossierLookup: null,
  threeClicks: null,
  fontSize: null,
  contrast: null,
  mobile: null,
  axe: null,
  mixedContent: null,
});

/** Page artifacts with nothing measured: the start of every probe, and the page of a probe that never ran. */
export const blankPage = (url: string): PageArtifacts => ({
  url,
  finalUrl: null,
  httpStatus: null,
  redirects: [],
  ttfbMs: null,
  fcpMs: null,
  lcpMs: null,
  domContentLoadedMs: null,
  loadMs: null,
  tbtMs: null,
  cls: null,
  error: null,
  title: null,
  headers: {},
  challenge: false,
  screenshot: null,
  durationMs: 0,
});
