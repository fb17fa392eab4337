import {
  type Agency,
  emptyFacts,
  type Facts,
  factsConfig,
  gapKeys,
  type ProbeArtifacts,
  type RefreshReason,
  refreshReason,
  resumeGaps,
  type StoredFacts,
} from '@dvcwatch/core';
import { gatherFacts, gatherTls } from '@dvcwatch/probe';
import { type Logger, silentLogger, warnAnd } from './log.js';
import { homeLoaded, probeTimedPages, type TimedPages, type TimedPagesOptions } from './timed-pages.js';

/** Storage of gathered facts; the Store implements it. */
export interface FactsStore {
  getFacts(agencyId: string): Promise<StoredFacts | null>;
  putFacts(facts: StoredFacts): Promise<boolean>;
}

export interface ProbeAgencyOptions extends TimedPagesOptions {
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
  /**
   * Timed pages already measured in this round's timed pass (runner/timed-pass.ts), by agency id: the probe then
   * only gathers. An agency missing from it is timed here.
   */
  timed?: ReadonlyMap<string, TimedPages>;
  /** Where the reads and writes a probe can do without say that they failed (default: nowhere). */
  log?: Logger;
}

/**
 * Probes one agency: its timed pages (runner/timed-pages.ts), unless the round's timed pass measured them already,
 * then the facts for the check catalogue. Never throws for a portal's fault.
 */
export async function probeAgency(agency: Agency, at: string, o: ProbeAgencyOptions): Promise<ProbeArtifacts> {
  const log = o.log ?? silentLogger;
  const started = performance.now();
  const cfg = o.registry.probe;
  const timed = o.timed?.get(agency.id) ?? (await probeTimedPages(agency, at, o));
  const { home, form, retries } = timed;
  let facts: Facts = emptyFacts();
  let factsAt: string | null = null;
  if (o.facts && homeLoaded(home)) {
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
  // Time spent waiting between the timed pass and the gathering is nobody's: the probe's own time is both parts.
  const durationMs = (o.timed?.has(agency.id) ? timed.durationMs : 0) + performance.now() - started;
  return { profile: PROFILE, home, form, retries, facts, factsAt, durationMs };
}

/** The measurement profile, said on the site: desktop viewport, no network or CPU throttling. */
export const PROFILE = 'desktop-1366x768-unthrottled';
