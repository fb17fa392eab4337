import {
  type Agency,
  classifyPage,
  confirmationPolicy,
  emptyFacts,
  type Facts,
  factsConfig,
  gapKeys,
  type PageArtifacts,
  type ProbeArtifacts,
  pageBreaches,
  type RefreshReason,
  type Registry,
  refreshReason,
  resumeGaps,
  type StoredFacts,
} from '@dvcwatch/core';
import { gatherFacts, gatherTls, type Prober } from '@dvcwatch/probe';
import { type Logger, silentLogger, warnAnd } from './log.js';

/** Where screenshots go: a local path for the probe to write, and the key the result stores. */
export interface EvidencePlan {
  path: (agencyId: string, at: string, page: 'home' | 'form') => { file: string; key: string };
  /** Called after the probe wrote `file` (on AWS: upload to S3, then delete the local file). */
  commit?: (file: string, key: string) => Promise<void>;
}

/** Storage of gathered facts; the Store implements it. */
export interface FactsStore {
  getFacts(agencyId: string): Promise<StoredFacts | null>;
  putFacts(facts: StoredFacts): Promise<boolean>;
}

export interface ProbeAgencyOptions {
  prober: Prober;
  registry: Registry;
  evidence: EvidencePlan | null;
  /** Gather the check catalogue's facts (false: timings only). */
  facts: boolean;
  /**
   * Where facts are kept between catalogue runs (the Store). With one, the catalogue runs on the agency's schedule
   * (`probe.checksEveryHours`, see core/facts-refresh.ts) and the stored facts are judged in between; without, every round.
   */
  factsStore?: FactsStore | null;
  /** Run the catalogue in this round whatever the schedule (`dvcwatch round --fresh-checks`). */
  freshChecks?: boolean;
  /** Told whether the catalogue ran for an agency and why (null: stored facts reused). */
  onFacts?: (agencyId: string, reason: RefreshReason | null) => void;
  sleep?: (ms: number) => Promise<void>;
  /** Where the reads and writes a probe can do without say that they failed (default: nowhere). */
  log?: Logger;
}

const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Probes one agency: the home page and the form page, a failed one re-probed within the round as the confirmation
 * policy says (core/confirmation-policy.ts: network errors, timeouts, HTTP ≥ 500); a slow one is measured once and
 * confirmed over rounds by the alert policy. Then gathers the facts for the check catalogue. All attempts are kept.
 * Never throws for a portal's fault.
 */
export async function probeAgency(agency: Agency, at: string, o: ProbeAgencyOptions): Promise<ProbeArtifacts> {
  const log = o.log ?? silentLogger;
  const started = performance.now();
  const cfg = o.registry.probe;
  const policy = confirmationPolicy(cfg);
  const retries: ProbeArtifacts['retries'] = [];
  const sleep = o.sleep ?? wait;

  const probe = async (url: string, kind: 'home' | 'form'): Promise<PageArtifacts> => {
    const shot = o.evidence?.path(agency.id, at, kind) ?? null;
    // Evidence: the home page every round; the form page when it failed (its re-probes), since a JPEG of a
    // healthy form every hour is a fifth of a timing probe's CPU and shows nothing.
    const take = (attempt: number, exclusive: boolean) =>
      o.prober.probePage(url, kind, {
        timeoutMs: cfg.pageTimeoutMs,
        ...(exclusive ? { exclusive } : {}),
        ...(shot && (kind === 'home' || attempt > 0 || policy.attempts === 0) ? { screenshotPath: shot.file } : {}),
      });
    let page = await take(0, false);
    const seen = () => classifyPage(page, o.registry.nationalHosts);
    const breached = () =>
      policy.slowPages === 'in-round' && pageBreaches(kind, page, agency.thresholds, o.registry.nationalHosts).length > 0;
    // A load that could not have the timing lane to itself (it waited past its turn, or another timed load took
    // CPU while its numbers formed: probe/timing-lane.ts) is timed again at once, alone on the round's last look
    // (core/confirmation-policy.ts `alone`).
    const shared = () => page.conditions?.alone === false;
    for (let i = 0; policy.another(i, seen(), breached(), shared()); i++) {
      retries.push({ page: kind, attempt: page });
      const again = policy.reprobes(seen(), breached());
      await sleep(again ? policy.delayBeforeMs(i + 1) : 0);
      page = await take(i + 1, policy.alone(i + 1, again));
    }
    if (shot && page.screenshot) {
      await o.evidence?.commit?.(shot.file, shot.key);
      page = { ...page, screenshot: shot.key };
    }
    return page;
  };

  const home = await probe(agency.portal.home, 'home');
  const homeLoaded = !home.error && home.httpStatus !== null && home.httpStatus < 400 && !home.challenge;
  const form = agency.portal.form && homeLoaded ? await probe(agency.portal.form, 'form') : null;
  let facts: Facts = emptyFacts();
  let factsAt: string | null = null;
  if (o.facts && homeLoaded) {
    const homeUrl = home.finalUrl ?? agency.portal.home;
    const config = factsConfig({
      home: agency.portal.home,
      form: agency.portal.form,
      accessibility: cfg.accessibility,
      checks: agency.checks,
    });
    const surface = home.surface ?? null;
    // A store that cannot be read only costs a catalogue run; it never costs the result.
    const stored = o.factsStore
      ? await o.factsStore
          .getFacts(agency.id)
          .catch(warnAnd(log, 'facts unreadable: the catalogue runs', { agencyId: agency.id }, null))
      : null;
    const reason = o.factsStore
      ? refreshReason(stored, {
          agencyId: agency.id,
          at,
          surface,
          config,
          everyHours: cfg.checksEveryHours,
          force: o.freshChecks,
        })
      : 'forced';
    o.onFacts?.(agency.id, reason);
    if (reason === null && stored) {
      // The certificate is read every round: it costs one handshake, and its expiry is a matter of days.
      const tls = agency.checks?.['tls-valid']?.skip
        ? null
        : await gatherTls(homeUrl, { guard: o.prober.guard }).catch(
            warnAnd(log, 'certificate not read: the stored one is judged', { agencyId: agency.id }, null),
          );
      facts = { ...stored.facts, tls: tls ?? stored.facts.tls };
      factsAt = stored.at;
    } else {
      // An `incomplete` retry gathers the gaps alone and keeps the rest (core/facts-refresh.ts `resumeGaps`).
      const resume = reason === 'incomplete' && stored ? stored : null;
      const gathered = await gatherFacts(o.prober.session, {
        homeUrl,
        ...(agency.portal.form ? { formUrl: agency.portal.form } : {}),
        overrides: agency.checks ?? {},
        guard: o.prober.guard,
        accessibility: cfg.accessibility,
        pageTimeoutMs: cfg.pageTimeoutMs,
        ...(resume ? { only: gapKeys(resume.facts) } : {}),
      });
      const kept = resume ? resumeGaps(resume, gathered, at) : { agencyId: agency.id, at, surface, config, facts: gathered };
      facts = kept.facts;
      factsAt = kept.at;
      if (o.factsStore && facts.homeLinks !== null)
        await o.factsStore
          .putFacts(kept)
          .catch(warnAnd(log, 'facts not stored: the next round runs the catalogue again', { agencyId: agency.id }, false));
    }
  }
  return { profile: PROFILE, home, form, retries, facts, factsAt, durationMs: performance.now() - started };
}

/** The measurement profile, said on the site: desktop viewport, no network or CPU throttling. */
export const PROFILE = 'desktop-1366x768-unthrottled';
