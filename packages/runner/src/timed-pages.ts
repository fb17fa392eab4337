import {
  type Agency,
  classifyPage,
  confirmationPolicy,
  type PageArtifacts,
  type ProbeArtifacts,
  pageBreaches,
  type Registry,
} from '@dvcwatch/core';
import type { Prober } from '@dvcwatch/probe';

/** Where screenshots go: a local path for the probe to write, and the key the result stores. */
export interface EvidencePlan {
  path: (agencyId: string, at: string, page: 'home' | 'form') => { file: string; key: string };
  /** Called after the probe wrote `file` (on AWS: upload to S3, then delete the local file). */
  commit?: (file: string, key: string) => Promise<void>;
}

/** What the timed part of a probe needs: the browser, the registry's settings, where evidence goes. */
export interface TimedPagesOptions {
  prober: Prober;
  registry: Registry;
  evidence: EvidencePlan | null;
  sleep?: (ms: number) => Promise<void>;
}

/** An agency's timed pages: home and form with every earlier attempt, and how long they took. */
export type TimedPages = Pick<ProbeArtifacts, 'home' | 'form' | 'retries'> & { durationMs: number };

const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The home page answered with a page (no error, no HTTP ≥ 400, no challenge): the form and the catalogue follow. */
export const homeLoaded = (home: PageArtifacts): boolean =>
  !home.error && home.httpStatus !== null && home.httpStatus < 400 && !home.challenge;

/**
 * The timed part of an agency's probe: the home page and the form page, a failed one re-probed within the round as
 * the confirmation policy says (core/confirmation-policy.ts: network errors, timeouts, HTTP ≥ 500); a slow one is
 * measured once and confirmed over rounds by the alert policy. All attempts are kept. Never throws for a portal's fault.
 */
export async function probeTimedPages(agency: Agency, at: string, o: TimedPagesOptions): Promise<TimedPages> {
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
  const form = agency.portal.form && homeLoaded(home) ? await probe(agency.portal.form, 'form') : null;
  return { home, form, retries, durationMs: performance.now() - started };
}
