import {
  type Agency,
  emptyFacts,
  type Facts,
  needsConfirmation,
  type PageArtifacts,
  type ProbeArtifacts,
  type Registry,
} from '@dvcwatch/core';
import { gatherFacts, type Prober } from '@dvcwatch/probe';

/** Where screenshots go: a local path for the probe to write, and the key the result stores. */
export interface EvidencePlan {
  path: (agencyId: string, at: string, page: 'home' | 'form') => { file: string; key: string };
  /** Called after the probe wrote `file` (on AWS: upload to S3, then delete the local file). */
  commit?: (file: string, key: string) => Promise<void>;
}

export interface ProbeAgencyOptions {
  prober: Prober;
  registry: Registry;
  evidence: EvidencePlan | null;
  /** Gather the check catalogue's facts (false: timings only). */
  facts: boolean;
  sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Probes one agency: the home page and the form page, each re-probed up to `confirmAttempts` times (a few
 * seconds apart) when it failed or breached, so one slow answer never counts as a breach; then gathers the
 * facts for the check catalogue. All attempts are kept. Never throws for a portal's fault.
 */
export async function probeAgency(agency: Agency, at: string, o: ProbeAgencyOptions): Promise<ProbeArtifacts> {
  const started = performance.now();
  const cfg = o.registry.probe;
  const retries: ProbeArtifacts['retries'] = [];
  const sleep = o.sleep ?? wait;

  const probe = async (url: string, kind: 'home' | 'form'): Promise<PageArtifacts> => {
    const shot = o.evidence?.path(agency.id, at, kind) ?? null;
    const take = () =>
      o.prober.probePage(url, kind, { timeoutMs: cfg.pageTimeoutMs, ...(shot ? { screenshotPath: shot.file } : {}) });
    let page = await take();
    for (let i = 0; i < cfg.confirmAttempts && needsConfirmation(kind, page, agency.thresholds, o.registry.nationalHosts); i++) {
      retries.push({ page: kind, attempt: page });
      await sleep(cfg.confirmDelayMs * (i + 1));
      page = await take();
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
  if (o.facts && homeLoaded) {
    facts = await gatherFacts(o.prober.session, {
      homeUrl: home.finalUrl ?? agency.portal.home,
      ...(agency.portal.form ? { formUrl: agency.portal.form } : {}),
      overrides: agency.checks ?? {},
      guard: o.prober.guard,
      accessibility: cfg.accessibility,
    });
  }
  return { profile: PROFILE, home, form, retries, facts, durationMs: performance.now() - started };
}

/** The measurement profile, said on the site: desktop viewport, no network or CPU throttling. */
export const PROFILE = 'desktop-1366x768-unthrottled';
