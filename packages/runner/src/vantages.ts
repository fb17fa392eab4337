import {
  type Agency,
  classifyPage,
  combineVantages,
  confirmationPolicy,
  needsVantages,
  type ProbeConfig,
  type Result,
  unanswered,
  type VantageSeen,
} from '@dvcwatch/core';
import type { Prober } from '@dvcwatch/probe';
import type { RunnerDeps } from './deps.js';
import { warnAnd } from './log.js';

/** A confirmation job for a vantage that runs elsewhere (`dvcwatch agent`, fed by its own SQS queue on AWS). */
export interface VantageJob {
  agencyId: string;
  /** The round's time. */
  at: string;
  vantageId: string;
  home: string;
  nationalHosts: string[];
  /** Past this instant the round no longer waits: the agent drops the job. */
  deadline: string;
}

/** Where jobs for the agent vantages go (the agent queue on AWS; none locally). */
export interface VantageJobs {
  enqueue(job: VantageJob): Promise<void>;
}

/** How long a round waits for its vantages: the finalize deadline is at minute 50 of the hour. */
export const vantageDeadline = (at: string): string => new Date(Date.parse(at) + 50 * 60_000).toISOString();

const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Looks at one portal's home page from one vantage, with the confirmation policy's in-round re-probes (a failure
 * the policy re-probes is looked at again; stopping at the first answer it does not). Never throws: a vantage that
 * fails is reported as not answering (status null).
 */
export async function lookFrom(
  prober: Prober,
  job: Pick<VantageJob, 'vantageId' | 'home' | 'nationalHosts'>,
  cfg: Pick<ProbeConfig, 'pageTimeoutMs' | 'confirmAttempts' | 'confirmDelayMs'>,
  sleep: (ms: number) => Promise<void> = wait,
): Promise<VantageSeen> {
  const policy = confirmationPolicy(cfg);
  try {
    for (let attempt = 0; ; attempt++) {
      const page = await prober.probePage(job.home, 'home', { timeoutMs: cfg.pageTimeoutMs });
      const failure = classifyPage(page, job.nationalHosts);
      const seen: VantageSeen = {
        id: job.vantageId,
        status: failure ? failure.status : 'up',
        reason: failure?.reason ?? null,
        at: new Date().toISOString(),
      };
      if (seen.status === 'error') return unanswered(job.vantageId);
      if (!policy.another(attempt, failure)) return seen;
      await sleep(policy.delayBeforeMs(attempt + 1));
    }
  } catch {
    // Not silent: a vantage whose own browser failed is recorded as not having answered (status null), which
    // the verdict counts as such (core/vantage.ts), never as the portal's fault.
    return unanswered(job.vantageId);
  }
}

/**
 * Looks again from the other vantages at a result the first vantage saw `down`. Vantages with an `egress` run
 * here, in the round, from their loopback source address; the others are agents, sent a job (their answer is
 * combined at finalize by `resolveVantages`). A vantage that does not answer in time leaves the first's
 * observation standing, marked unconfirmed.
 */
export async function confirmFromVantages(
  deps: RunnerDeps,
  agency: Agency,
  result: Result,
  prober: Prober,
  untilMs = Number.POSITIVE_INFINITY,
): Promise<Result> {
  const vantages = deps.registry.vantages;
  if (!needsVantages(result, vantages)) return result;
  const cfg = deps.registry.probe;
  const job = { agencyId: agency.id, at: result.at, home: agency.portal.home, nationalHosts: deps.registry.nationalHosts };
  const local = await Promise.all(
    vantages.slice(1).map(async (v): Promise<VantageSeen> => {
      // A loopback egress only means something on one machine: against real portals (production guard) it would
      // fail every connection and "confirm" every down, so there the vantage is an agent like any other.
      if (!v.egress || !prober.guard.local) {
        await deps.vantageJobs
          ?.enqueue({ ...job, vantageId: v.id, deadline: vantageDeadline(result.at) })
          .catch((e: unknown) =>
            deps.log.warn('could not send a vantage job', { agencyId: agency.id, vantage: v.id, error: String(e) }),
          );
        return unanswered(v.id);
      }
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<VantageSeen>((resolve) => {
        timer = setTimeout(() => resolve(unanswered(v.id)), confirmationPolicy(cfg).vantageWorstCaseMs(cfg.pageTimeoutMs));
      });
      const look = lookFrom(prober.fromEgress(v.egress), { ...job, vantageId: v.id }, cfg);
      return Promise.race([look, late]).finally(() => clearTimeout(timer));
    }),
  );
  const seen = await awaitAgents(deps, agency.id, result.at, local, untilMs);
  const first = {
    ...result,
    vantages: [{ id: vantages[0]?.id ?? 'main', status: result.status, reason: result.reason, at: new Date().toISOString() }],
  };
  return combineVantages(first, vantages, seen);
}

/**
 * The vantage wait: the agents were sent a job; their observations are read back every couple of seconds until
 * every one has answered, the wait (`deps.vantageWaitMs`, counted in core/probe-budget.ts) is over, or `untilMs`
 * (the invocation's own limit) comes. What has not answered stays unanswered; finalize reads it later.
 */
async function awaitAgents(
  deps: RunnerDeps,
  agencyId: string,
  at: string,
  seen: VantageSeen[],
  untilMs: number,
): Promise<VantageSeen[]> {
  const observations = deps.observations;
  const end = Math.min(Date.now() + (deps.vantageWaitMs ?? 0), untilMs);
  if (!observations || !deps.vantageJobs) return seen;
  let now = seen;
  while (now.some((s) => s.status === null) && Date.now() < end) {
    await wait(Math.min(AGENT_POLL_MS, Math.max(0, end - Date.now())));
    const stored = await observations.forRound(agencyId, at).catch(() => []);
    now = now.map((s) => (s.status === null ? (stored.find((o) => o.seen.id === s.id)?.seen ?? s) : s));
  }
  if (now !== seen) deps.log.info('agent vantages answered within the probe', { agencyId, at });
  return now;
}

/** How often a probe reads the agents' observations back while it waits for them. */
const AGENT_POLL_MS = 2_000;

/**
 * Combines the observations the agent vantages stored for a round's still-unconfirmed `down` results, and
 * settles each changed row in the store (once). Called at finalize, before the round's alerts are decided
 * (round-alerts.ts): returns the round's results with the settled ones in place. Never waits for a missing
 * agent: what has not arrived leaves the first's observation standing.
 */
export async function resolveVantages(deps: RunnerDeps, at: string, results: readonly Result[]): Promise<Result[]> {
  const vantages = deps.registry.vantages;
  const observations = deps.observations;
  if (!observations || vantages.length < 2) return [...results];
  return Promise.all(
    results.map(async (r) => {
      if (r.status !== 'down' || r.vantageVerdict !== 'unconfirmed') return r;
      const stored = await observations
        .forRound(r.agencyId, at)
        .catch(
          warnAnd(deps.log, 'vantage observations unreadable: the down stays unconfirmed', { agencyId: r.agencyId, at }, []),
        );
      if (stored.length === 0) return r;
      const known = (r.vantages ?? []).slice(1).filter((s) => s.status !== null);
      const seen = [...known, ...stored.map((o) => o.seen).filter((s) => !known.some((k) => k.id === s.id))];
      const settled = combineVantages(r, vantages, seen);
      if (settled.vantageVerdict === 'unconfirmed' && seen.length === known.length) return r;
      const written = await deps.store.settleFromVantages(settled).catch((e: unknown) => {
        deps.log.warn('could not settle a result from its vantages', { agencyId: r.agencyId, at, error: String(e) });
        return false;
      });
      if (!written)
        return (
          (await deps.store
            .getResult(r.agencyId, at)
            .catch(
              warnAnd(deps.log, 'stored result unreadable: the settled one is reported', { agencyId: r.agencyId, at }, null),
            )) ?? settled
        );
      deps.log.info('vantages settled a down', {
        agencyId: r.agencyId,
        at,
        status: settled.status,
        verdict: settled.vantageVerdict,
      });
      return settled;
    }),
  );
}
